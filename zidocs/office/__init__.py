"""Office files at the edge: DOCX templates and normalisation, LibreOffice conversion, PDF normalisation, atomic writes."""
