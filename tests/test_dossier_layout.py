"""Property tests of the pure dossier layout (zidocs.dossier.layout)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from fixtures_bukti import make_plan
from zidocs.dossier.layout import BELUM_ADA_BUKTI, Evidence, layout_dossier, stamp_text
from zidocs.plan.models import Area, Indikator, Kantor, Komponen, Pejabat, Plan, RencanaAksi

ROMAN = ("I", "II", "III", "IV", "V", "VI")


@st.composite
def plans(draw):
    n_areas = draw(st.integers(1, 4))
    areas = []
    for a in range(n_areas):
        komps = []
        for k in range(1, draw(st.integers(1, 3)) + 1):
            inds = [Indikator(indikator="x " * draw(st.integers(1, 30)), langkah_aksi="l", bukti_fisik="b",
                              target_waktu="Maret") for _ in range(draw(st.integers(1, 4)))]
            komps.append(Komponen(no=k, nama=f"Komponen {k}", indikator=inds))
        areas.append(Area(kode=ROMAN[a], nama=f"Area {a}", komponen=komps))
    p = Pejabat(nama="K", jabatan=["Ketua"])
    return Plan(tahun=2026, kantor=Kantor(nama="K", nama_singkat="K", kop=["K"], sekretariat=["S"], tempat="T"),
                ketua=p, pengesah_salinan=p, keputusan={}, rencana_aksi=RencanaAksi(judul=["R"], area=areas))


@st.composite
def cases(draw):
    plan = draw(plans())
    ids = [r.id for r in plan.indikator_list()] + ["I.9.9", "II.7.1"]  # some not in the plan
    n = draw(st.integers(0, 25))
    evidence = []
    for i in range(1, n + 1):
        evidence.append(Evidence(
            id=i,
            indikator=draw(st.sampled_from(ids)),
            nama=f"berkas-{i}.pdf",
            sha256=draw(st.sampled_from("abcdefghij")) * 64,  # small pool: duplicates happen
            halaman=draw(st.integers(1, 6)),
            alasan=draw(st.one_of(st.none(), st.just("rusak"))),
        ))
    kodes = [a.kode for a in plan.rencana_aksi.area]
    chosen = draw(st.lists(st.sampled_from(kodes), min_size=1, unique=True))
    first = draw(st.integers(1, 8))
    per = draw(st.integers(first, 12))
    heights = draw(st.integers(1, 4))
    return plan, chosen, evidence, first, per, heights


def _layout(plan, chosen, evidence, first, per, heights):
    return layout_dossier(plan, chosen, evidence, front_label="Area X",
                          row_lines=lambda row: 1 + (len(row.text) + len(row.note)) % heights,
                          first_page_lines=first, page_lines=per)


def _walk(bookmarks, depth=0):
    for b in bookmarks:
        yield depth, b
        yield from _walk(b.children, depth + 1)


@settings(max_examples=150, deadline=None)
@given(cases())
def test_pages_are_contiguous_and_nothing_is_dropped(case):
    plan, chosen, evidence, first, per, heights = case
    lay = _layout(*case)
    selected = [e for e in evidence if e.indikator.split(".")[0] in chosen]
    # every selected evidence file appears exactly once
    assert sorted(p.evidence.id for p in lay.placements) == sorted(e.id for e in selected)
    # non-duplicates tile pages front+1 … total without gap or overlap
    page = lay.front_pages + 1
    for p in lay.placements:
        if p.duplikat_dari is None:
            assert p.start == page
            assert p.pages == (1 if p.evidence.alasan else p.evidence.halaman)
            page += p.pages
    assert lay.total_pages == page - 1
    assert len(lay.stamps) == lay.total_pages
    for n, stamp in enumerate(lay.stamps, start=1):
        assert stamp.endswith(f"hal. {n} / {lay.total_pages}")
    for p in lay.placements:
        if p.duplikat_dari is None:
            for n in range(p.start, p.start + p.pages):
                assert lay.stamps[n - 1] == stamp_text(p.evidence.indikator, n, lay.total_pages)


@settings(max_examples=150, deadline=None)
@given(cases())
def test_duplicates_point_at_the_first_copy(case):
    lay = _layout(*case)
    first_by_sha = {}
    for p in lay.placements:
        if p.duplikat_dari is None:
            assert p.evidence.sha256 not in first_by_sha
            first_by_sha[p.evidence.sha256] = p
        else:
            orig = first_by_sha[p.evidence.sha256]
            assert p.duplikat_dari == orig.evidence.id
            assert p.start == orig.start and p.pages == 0


@settings(max_examples=150, deadline=None)
@given(cases())
def test_index_and_bookmarks_agree(case):
    plan, chosen, evidence, first, per, heights = case
    lay = _layout(*case)
    start = {p.evidence.id: p.start for p in lay.placements}
    rows = [r for page in lay.index_pages for r in page]
    file_rows = [r for r in rows if r.kind == "file"]
    assert [int(r.ref) for r in file_rows] == [p.evidence.id for p in lay.placements]
    for r in file_rows:
        assert r.target == start[int(r.ref)]
    for r in rows:
        if r.kind == "indikator" and r.note == BELUM_ADA_BUKTI:
            assert r.target is None
    # bookmarks: files in the same order with the same pages; nodes land on
    # their first file or, without evidence, on the index page listing them
    marks = list(_walk(lay.bookmarks))
    assert [b.target for d, b in marks if d == 3] == [r.target for r in file_rows]
    node_rows = [r for r in rows if r.kind != "file"]
    assert len([b for d, b in marks if d < 3]) == len(node_rows)
    for (d, b), r in zip([m for m in marks if m[0] < 3], node_rows):
        expected = r.target if r.target is not None else lay.index_page_of(r.kind, r.ref)
        assert b.target == expected
    for _, b in marks:
        assert 1 <= b.target <= lay.total_pages


@settings(max_examples=150, deadline=None)
@given(cases())
def test_index_pagination_respects_capacity(case):
    plan, chosen, evidence, first, per, heights = case
    lay = _layout(*case)
    height = lambda row: 1 + (len(row.text) + len(row.note)) % heights  # noqa: E731
    for n, page in enumerate(lay.index_pages):
        capacity = first if n == 0 else per
        used = sum(height(r) for r in page)
        assert page, "no empty index page"
        assert used <= capacity or len(page) == 1


def test_layout_of_the_fixture_plan():
    plan = make_plan()
    ev = [Evidence(1, "V.1.1", "a.pdf", "a" * 64, 3), Evidence(2, "V.2.1", "b.pdf", "b" * 64, 2),
          Evidence(3, "V.3.1", "a-lagi.pdf", "a" * 64, 3), Evidence(4, "V.2.2", "c.pdf", "c" * 64, 1, "rusak")]
    lay = layout_dossier(plan, ["V"], ev, front_label="Area V")
    assert lay.front_pages == 2
    assert [(p.evidence.id, p.start, p.pages) for p in lay.placements] == [
        (1, 3, 3), (2, 6, 2), (4, 8, 1), (3, 3, 0)]
    assert lay.total_pages == 8
    assert lay.placeholders == 1
    assert lay.stamps[0] == "Area V · hal. 1 / 8"
    assert lay.stamps[5] == "V.2.1 · hal. 6 / 8"
    rows = {r.ref: r for r in lay.index_pages[0]}
    assert rows["V.1.2"].note == BELUM_ADA_BUKTI
    assert rows["3"].note == "duplikat: isi sama dengan a.pdf (V.1.1)"
    assert rows["4"].note == "tidak dapat dimuat: rusak"


# --- stamp geometry (zidocs.dossier.stamp) --------------------------------------------------


@settings(max_examples=200, deadline=None)
@given(st.sampled_from([0, 90, 180, 270, -90, 450]),
       st.tuples(st.floats(-500, 500), st.floats(-500, 500), st.floats(50, 3000), st.floats(50, 3000)))
def test_stamp_band_lies_outside_the_old_page_at_its_visual_bottom(rotate, box):
    from zidocs.dossier.stamp import BAND, display_matrix, display_size, scale_for, stamp_geometry

    x, y, w, h = box
    crop = (x, y, x + w, y + h)
    g = stamp_geometry(crop, None, rotate, "V.2.3 · hal. 7 / 99", extend=True)
    rot = rotate % 360
    band = BAND * scale_for(crop, rot)
    a, b, c, d, e, f = display_matrix(g.cropbox, rot)
    W, H = display_size(g.cropbox, rot)
    assert abs(H - display_size(crop, rot)[1] - band) < 1e-6  # grew by the band, at the bottom

    def user(dx, dy):
        return a * dx + c * dy + e, b * dx + d * dy + f

    corners = [user(dx, dy) for dx in (0, W) for dy in (0, band)]
    xs, ys = [p[0] for p in corners], [p[1] for p in corners]
    band_rect = (min(xs), min(ys), max(xs), max(ys))
    # inside the new visible area, and not overlapping the old one
    assert band_rect[0] >= g.cropbox[0] - 1e-6 and band_rect[2] <= g.cropbox[2] + 1e-6
    assert band_rect[1] >= g.cropbox[1] - 1e-6 and band_rect[3] <= g.cropbox[3] + 1e-6
    overlap_w = min(band_rect[2], crop[2]) - max(band_rect[0], crop[0])
    overlap_h = min(band_rect[3], crop[3]) - max(band_rect[1], crop[1])
    assert overlap_w <= 1e-6 or overlap_h <= 1e-6
    # display "up" maps to a user direction pointing into the old page
    up = (c, d)
    centre_old = ((crop[0] + crop[2]) / 2, (crop[1] + crop[3]) / 2)
    origin = user(W / 2, band / 2)
    assert up[0] * (centre_old[0] - origin[0]) + up[1] * (centre_old[1] - origin[1]) > 0
    assert g.mediabox[0] <= g.cropbox[0] and g.mediabox[3] >= g.cropbox[3]
