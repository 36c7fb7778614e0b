"""A real browser (Debian chromium + chromedriver, driven by Selenium) against the live service:
log in, upload a PDF and a photo (POST/redirect/GET), see Beranda's coverage change, move the photo to another
indicator, fill one monev entry, build the Keputusan as a background job through the warm LibreOffice and download
its salinan PDF (the same bytes as the CLI's cold build), log out."""

from __future__ import annotations

import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import WS, jpeg_bytes, pdf_bytes
from helpers import copy_workspace

from zidocs import api
from zidocs.office import warm

CHROMIUM, DRIVER = shutil.which("chromium"), shutil.which("chromedriver")
pytestmark = pytest.mark.skipif(
    not (CHROMIUM and DRIVER),
    reason="Chromium tidak terpasang: apt-get install --no-install-recommends chromium chromium-driver "
           "(scripts/_setup.sh memasangnya)")

KODE = "III.1.1"  # no route test uploads here
TUJUAN = "III.1.2"


@pytest.fixture
def browser(tmp_path):
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    opts = webdriver.ChromeOptions()
    opts.binary_location = CHROMIUM
    for a in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", "--window-size=420,900"):
        opts.add_argument(a)  # --no-sandbox: CI runs as root; 420 px wide: a phone
    dl = tmp_path / "unduhan"
    dl.mkdir()
    opts.add_experimental_option("prefs", {"download.default_directory": str(dl), "download.prompt_for_download": False,
                                           "download.directory_upgrade": True})
    opts.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    # an explicit driver path: Selenium Manager never runs, nothing is downloaded
    d = webdriver.Chrome(service=Service(executable_path=DRIVER), options=opts)
    d.download_dir = dl
    yield d
    d.quit()


def _download(d, timeout=30) -> Path:
    deadline = time.time() + timeout
    while time.time() < deadline:
        done = [p for p in d.download_dir.iterdir() if not p.name.startswith(".") and not p.name.endswith(".crdownload")]
        if done:
            return done[0]
        time.sleep(0.1)
    raise AssertionError("download did not arrive")


def test_browser_login_upload_coverage_build_download_logout(live_server, browser, tmp_path):
    from django.contrib.auth.hashers import make_password
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as EC
    from selenium.webdriver.support.ui import Select, WebDriverWait

    from zidocs.web.models import Audit, Pengguna

    Pengguna.objects.create(username="sekretariat", password=make_password("rahasia-sekretariat-1", hasher="md5"),
                            peran="admin")
    d, w = browser, WebDriverWait(browser, 60)
    d.get(live_server.url + "/")
    d.find_element(By.ID, "username").send_keys("sekretariat")
    d.find_element(By.ID, "password").send_keys("rahasia-sekretariat-1")
    d.find_element(By.ID, "masuk").click()
    cakupan = w.until(EC.presence_of_element_located((By.ID, "cakupan"))).text
    before = int(cakupan.split()[0])

    pdf, foto = tmp_path / "undangan rapat.pdf", tmp_path / "foto kegiatan.jpg"
    pdf.write_bytes(pdf_bytes("browser"))
    foto.write_bytes(jpeg_bytes((30, 120, 60)))
    d.get(f"{live_server.url}/indikator/{KODE}")
    d.find_element(By.ID, "berkas").send_keys(f"{pdf}\n{foto}")
    d.find_element(By.ID, "keterangan").send_keys("Rapat koordinasi area III")
    d.find_element(By.ID, "kirim").click()
    hasil = w.until(EC.presence_of_element_located((By.ID, "hasil"))).text
    assert "undangan rapat.pdf" in hasil and "foto kegiatan.jpg" in hasil
    imgs = d.find_elements(By.CSS_SELECTOR, "#bukti img")
    assert len(imgs) == 2
    for img in imgs:  # previews are lazy: scroll each into view, then it must load as a real image
        d.execute_script("arguments[0].scrollIntoView()", img)
        w.until(lambda _: d.execute_script("return arguments[0].complete && arguments[0].naturalWidth > 0", img))

    assert d.current_url.endswith(f"/indikator/{KODE}")  # POST/redirect/GET: a reload sends nothing again
    d.refresh()
    assert not d.find_elements(By.ID, "hasil") and len(d.find_elements(By.CSS_SELECTOR, "#bukti img")) == 2

    d.get(live_server.url + "/")
    assert int(d.find_element(By.ID, "cakupan").text.split()[0]) == before + 1

    # move the photo to the next indicator of the area
    d.get(f"{live_server.url}/indikator/{KODE}")
    item = next(li for li in d.find_elements(By.CSS_SELECTOR, "#bukti > li") if "foto kegiatan.jpg" in li.text)
    Select(item.find_element(By.CSS_SELECTOR, "form.pindah select")).select_by_value(TUJUAN)
    item.find_element(By.CSS_SELECTOR, "form.pindah button").click()
    assert TUJUAN in w.until(EC.presence_of_element_located((By.ID, "dipindah"))).text
    assert [i.get_attribute("alt") for i in d.find_elements(By.CSS_SELECTOR, "#bukti img")] == \
        ["Pratinjau undangan rapat.pdf"]
    _, daftar = api.bukti_list(api.Workspace(WS))
    assert [e.nama_asli for r in daftar.rows if r.indikator == TUJUAN for e in r.entries] == ["foto kegiatan.jpg"]

    # one monev entry, from the indicator's page
    d.get(f"{live_server.url}/indikator/{KODE}")
    d.find_element(By.CSS_SELECTOR, "a.monev").click()
    realisasi = w.until(EC.presence_of_element_located((By.ID, "realisasi")))
    realisasi.clear()
    realisasi.send_keys("80")
    Select(d.find_element(By.ID, "status")).select_by_value("proses")
    d.find_element(By.ID, "kendala").clear()
    d.find_element(By.ID, "kendala").send_keys("Menunggu tanda tangan")
    d.find_element(By.ID, "simpan-monev").click()
    assert "disimpan" in w.until(EC.presence_of_element_located((By.ID, "tersimpan"))).text
    isian = api.monev_isian(api.Workspace(WS), None, "TW1", KODE)
    assert (isian.realisasi, isian.status, isian.kendala) == ("80", "proses", "Menunggu tanda tangan")

    # the salinan is built through the warm LibreOffice `zidocs serve` keeps (when it can run here)
    hangat = api.lo_hangat_mulai()
    try:
        office = warm.current()
        before_warm = office.conversions if hangat.running else 0
        d.get(live_server.url + "/dokumen")
        d.find_element(By.ID, "bangun-rencana-aksi").click()  # hx-post; CSRF token from hx-headers
        link = w.until(EC.element_to_be_clickable(
            (By.CSS_SELECTOR, 'a.unduh[data-nama="out/2026/keputusan-rencana-aksi-salinan.pdf"]')))
        if hangat.running:
            assert office.conversions == before_warm + 2  # asli and salinan, warm
        link.click()
        got = _download(d)
    finally:
        api.lo_hangat_henti()
    assert got.name == "keputusan-rencana-aksi-salinan.pdf"

    # the CLI's build of the same plan
    cli_ws = copy_workspace(tmp_path / "cli")
    proc = subprocess.run([sys.executable, "-m", "zidocs", "-w", str(cli_ws), "keputusan", "--pdf"],
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    cli_pdf = cli_ws / "out" / "2026" / "keputusan-rencana-aksi-salinan.pdf"
    assert got.read_bytes() == cli_pdf.read_bytes()

    d.find_element(By.ID, "keluar").click()
    w.until(EC.presence_of_element_located((By.ID, "username")))
    assert d.current_url.endswith("/masuk")
    csp = [e["message"] for e in d.get_log("browser") if "Content Security Policy" in e["message"]]
    assert csp == []
    acts = set(Audit.objects.filter(pengguna="sekretariat").values_list("aksi", flat=True))
    assert {"masuk", "unggah", "pindah", "monev", "bangun-mulai", "bangun", "unduh", "keluar"} <= acts
