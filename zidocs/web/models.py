"""What the web service stores itself (web.sqlite3): users with role and areas, jobs, audit log."""

from django.contrib.auth.models import AbstractUser
from django.db import models


class Pengguna(AbstractUser):
    class Peran(models.TextChoices):
        ADMIN = "admin", "Admin (sekretariat)"
        KOORDINATOR = "koordinator", "Koordinator area"
        PIMPINAN = "pimpinan", "Pimpinan"
        EVALUATOR = "evaluator", "Evaluator (TPI/TPN)"

    peran = models.CharField(max_length=20, choices=Peran.choices, default=Peran.EVALUATOR)
    area = models.CharField(max_length=40, blank=True, help_text="Area koordinator, mis. 'I,III'")

    def area_set(self) -> set[str]:
        return {a.strip().upper() for a in self.area.split(",") if a.strip()}

    def boleh_ubah_area(self, area: str) -> bool:
        """May change the evidence (and monev) of ``area``."""
        if self.peran == self.Peran.ADMIN:
            return True
        return self.peran == self.Peran.KOORDINATOR and area.upper() in self.area_set()


class Tugas(models.Model):
    """A background build (decree, SK, monev report, dossier)."""

    jenis = models.CharField(max_length=40)  # keputusan | monev | dossier
    argumen = models.CharField(max_length=80, blank=True)  # decree kind, period, area
    judul = models.CharField(max_length=200)
    status = models.CharField(max_length=12, default="antre")  # antre|jalan|selesai|gagal
    progress = models.PositiveSmallIntegerField(default=0)  # 0..100
    pesan = models.TextField(blank=True)
    hasil = models.JSONField(default=list)  # output paths relative to the workspace
    dibuat_oleh = models.CharField(max_length=150)
    dibuat = models.DateTimeField(auto_now_add=True)

    @property
    def berjalan(self) -> bool:
        return self.status in ("antre", "jalan")


class Audit(models.Model):
    waktu = models.DateTimeField(auto_now_add=True)
    pengguna = models.CharField(max_length=150)
    aksi = models.CharField(max_length=40)
    rincian = models.TextField(blank=True)

    class Meta:
        indexes = [models.Index(fields=["-waktu"])]
