from django.urls import path

from zidocs.web import views

urlpatterns = [
    path("", views.beranda),
    path("masuk", views.masuk),
    path("keluar", views.keluar),
    path("rencana", views.rencana),
    path("indikator/<str:kode>", views.indikator),
    path("indikator/<str:kode>/unggah", views.unggah),
    path("bukti/<int:entry_id>/hapus", views.hapus),
    path("bukti/<int:entry_id>/pindah", views.pindah),
    path("bukti/<int:entry_id>/berkas", views.berkas),
    path("bukti/<int:entry_id>/pratinjau", views.pratinjau),
    path("monev", views.monev_daftar),
    path("monev/<str:periode>", views.monev_periode),
    path("monev/<str:periode>/<str:kode>", views.monev),
    path("dokumen", views.dokumen),
    path("dokumen/bangun", views.bangun),
    path("tugas/<int:tugas_id>", views.tugas),
    path("tugas/<int:tugas_id>/unduh/<int:n>", views.unduh),
    path("pemeriksaan", views.pemeriksaan),
    path("riwayat", views.riwayat),
    path("pengguna", views.pengguna),
    path("static/<str:name>", views.static),
]

handler404 = views.not_found
