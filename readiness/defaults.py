"""The default questionnaire a new cohort starts from; the national team edits it per cohort."""

from django.db import transaction

from readiness.models import Item, Questionnaire
from selection.models import SelectionRound

DEFAULT_ITEMS = [
    (
        "struktur",
        "people",
        "Tim/Dewan Smart City daerah ditetapkan dengan SK kepala daerah",
        "SK kepala daerah",
    ),
    (
        "struktur",
        "people",
        "OPD memiliki SDM TIK yang cukup (programmer, admin jaringan, analis data)",
        "Daftar SDM TIK per OPD",
    ),
    (
        "struktur",
        "budget",
        "APBD mengalokasikan anggaran khusus untuk program smart city",
        "DPA/APBD tahun berjalan",
    ),
    (
        "struktur",
        "budget",
        "Ada skema pendanaan di luar APBD (KPBU, CSR) yang pernah dijalankan",
        "Perjanjian kerja sama",
    ),
    (
        "struktur",
        "governance",
        "Kepala daerah memimpin langsung agenda smart city",
        "Notulen rapat pimpinan",
    ),
    (
        "struktur",
        "governance",
        "Ada mekanisme koordinasi lintas OPD untuk layanan digital",
        "SOP koordinasi",
    ),
    (
        "infrastruktur",
        "physical",
        "Fasilitas ruang kendali (command center) atau sejenisnya tersedia",
        "Foto dan inventaris",
    ),
    (
        "infrastruktur",
        "physical",
        "Gedung layanan publik siap untuk layanan terpadu",
        "Data gedung layanan",
    ),
    (
        "infrastruktur",
        "digital",
        "Jaringan serat optik menghubungkan kantor OPD utama",
        "Peta jaringan",
    ),
    (
        "infrastruktur",
        "digital",
        "Pusat data atau layanan cloud pemerintah dipakai",
        "Dokumen pusat data",
    ),
    (
        "infrastruktur",
        "social",
        "Komunitas TIK, kampus, atau startup lokal aktif bermitra",
        "Daftar mitra",
    ),
    ("infrastruktur", "social", "Tingkat literasi digital warga diukur", "Survei literasi digital"),
    ("suprastruktur", "policies", "Visi smart city tercantum dalam RPJMD", "Dokumen RPJMD"),
    (
        "suprastruktur",
        "regulations",
        "Perda/Perkada tentang SPBE atau smart city telah terbit",
        "Perda/Perkada",
    ),
    (
        "suprastruktur",
        "regulations",
        "Regulasi data terbuka dan satu data daerah tersedia",
        "Perkada Satu Data",
    ),
    (
        "suprastruktur",
        "institutions",
        "Diskominfo memiliki bidang yang mengelola smart city",
        "SOTK",
    ),
    ("suprastruktur", "procedures", "SOP layanan publik digital tersedia dan dipakai", "SOP"),
    (
        "suprastruktur",
        "procedures",
        "Ada prosedur keamanan informasi (mis. tim tanggap insiden)",
        "SOP keamanan informasi",
    ),
]


def questionnaire_for(cohort: "SelectionRound") -> Questionnaire:
    """The cohort's questionnaire, created from the default items the first time."""
    with transaction.atomic():
        questionnaire, created = Questionnaire.objects.get_or_create(
            cohort=cohort, defaults={"title": f"Analisis kesiapan {cohort.name}"}
        )
        if created:
            Item.objects.bulk_create(
                Item(questionnaire=questionnaire, part=p, subpart=s, text=t, guidance=g, position=i)
                for i, (p, s, t, g) in enumerate(DEFAULT_ITEMS)
            )
    return questionnaire
