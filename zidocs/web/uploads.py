"""Per-file size limit enforced while Django's multipart parser streams the body."""

from django.conf import settings
from django.core.files.uploadhandler import StopUpload, TemporaryFileUploadHandler


class LimitedUploadHandler(TemporaryFileUploadHandler):
    """Spools each file to a temp file; stops as soon as one passes the limit.

    The view turns the flag into a 413 with an Indonesian message.
    ``StopUpload(connection_reset=False)`` makes Django drain the rest of the
    body, so the browser reads our page instead of a reset connection.
    """

    def new_file(self, *args, **kwargs):
        self._seen = 0
        return super().new_file(*args, **kwargs)

    def receive_data_chunk(self, raw_data, start):
        self._seen += len(raw_data)
        if self._seen > settings.ZIDOCS_MAX_UPLOAD:
            self.request.zidocs_upload_too_large = True
            raise StopUpload(connection_reset=False)
        return super().receive_data_chunk(raw_data, start)
