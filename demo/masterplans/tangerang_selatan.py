"""Kota Tangerang Selatan (Banten): a young commuter city beside Jakarta, built around planned
towns (BSD, Bintaro, Alam Sutera) and the Puspiptek research area, with congestion, growing waste
at TPA Cipeucang and floods along the Cisadane. Demo content: figures are illustrative."""

from datetime import date

from demo.masterplans.spec import AnalysisSpec, KpiSpec, PlanSpec, ProgramSpec
from masterplans.models import AnalysisKind as K
from masterplans.models import Dimension as D
from masterplans.models import Status

ANALYSIS = (
    AnalysisSpec(
        "s_kampus",
        K.STRENGTH,
        D.SOCIETY,
        "Banyak perguruan tinggi dan lembaga riset di dalam kota, termasuk kawasan Puspiptek "
        "Serpong.",
    ),
    AnalysisSpec(
        "s_kawasan",
        K.STRENGTH,
        D.ECONOMY,
        "Kota mandiri yang dibangun pengembang (BSD City, Bintaro Jaya, Alam Sutera) menarik "
        "investasi, kantor dan perusahaan teknologi.",
    ),
    AnalysisSpec(
        "w_aplikasi",
        K.WEAKNESS,
        D.GOVERNANCE,
        "Aplikasi OPD dibangun sendiri-sendiri; data kependudukan, perizinan dan keuangan belum "
        "saling terhubung.",
    ),
    AnalysisSpec(
        "w_angkutan",
        K.WEAKNESS,
        D.LIVING,
        "Angkutan umum di dalam kota terbatas; sebagian besar perjalanan memakai kendaraan "
        "pribadi.",
    ),
    AnalysisSpec(
        "t_banjir",
        K.THREAT,
        D.ENVIRONMENT,
        "Hujan ekstrem memicu banjir di bantaran Sungai Cisadane dan di sekitar situ.",
    ),
    AnalysisSpec(
        "t_pertumbuhan",
        K.THREAT,
        D.LIVING,
        "Penduduk dan kendaraan bertambah lebih cepat daripada jalan dan fasilitas umum.",
    ),
    AnalysisSpec(
        "c_perizinan",
        K.CHALLENGE,
        D.GOVERNANCE,
        "Perizinan dan layanan administrasi masih banyak tatap muka; warga komuter sulit datang "
        "pada jam kerja.",
    ),
    AnalysisSpec(
        "c_data",
        K.CHALLENGE,
        D.GOVERNANCE,
        "Perencanaan, penganggaran dan pengaduan warga belum memakai satu data bersama.",
    ),
    AnalysisSpec(
        "c_identitas",
        K.CHALLENGE,
        D.BRANDING,
        "Identitas kota belum kuat: kota lebih dikenal sebagai kawasan perumahan daripada tujuan "
        "wisata, kuliner dan bisnis.",
    ),
    AnalysisSpec(
        "c_umkm",
        K.CHALLENGE,
        D.ECONOMY,
        "UMKM dan pasar rakyat belum masuk ekosistem pembayaran dan pemasaran digital.",
    ),
    AnalysisSpec(
        "c_macet",
        K.CHALLENGE,
        D.LIVING,
        "Kemacetan di koridor utama (Jl. Raya Serpong, Ciputat, Pamulang) pada jam sibuk dan "
        "akses ke stasiun KRL yang sulit tanpa kendaraan pribadi.",
    ),
    AnalysisSpec(
        "c_darurat",
        K.CHALLENGE,
        D.SOCIETY,
        "Respons kedaruratan (kebakaran, kecelakaan, kriminalitas) belum terkoordinasi dalam satu "
        "nomor dan satu ruang kendali.",
    ),
    AnalysisSpec(
        "c_sampah",
        K.CHALLENGE,
        D.ENVIRONMENT,
        "Volume sampah terus naik sementara TPA Cipeucang mendekati batas daya tampungnya; "
        "pemilahan di sumber masih rendah.",
    ),
    AnalysisSpec(
        "o_riset",
        K.OPPORTUNITY,
        D.BRANDING,
        "Kedekatan dengan Puspiptek, BPPT dan kampus untuk memosisikan kota sebagai kota inovasi.",
    ),
    AnalysisSpec(
        "o_startup",
        K.OPPORTUNITY,
        D.ECONOMY,
        "Komunitas startup dan ekonomi kreatif yang tumbuh di kawasan BSD dan Bintaro.",
    ),
    AnalysisSpec(
        "o_warga_digital",
        K.OPPORTUNITY,
        D.SOCIETY,
        "Warga yang akrab dengan layanan digital dan perbankan, siap memakai layanan kota daring.",
    ),
)

PROGRAMS = (
    ProgramSpec(
        element="public_services",
        title="Mal Pelayanan Publik digital",
        description=(
            "Satu pintu daring untuk perizinan dan layanan kependudukan: pengajuan, antrean, "
            "pembayaran dan pelacakan status dari rumah, dengan gerai tatap muka di MPP."
        ),
        opd="DPMPTSP",
        partners="Diskominfo; Disdukcapil; Kementerian PANRB",
        technology="Portal layanan terpadu, antrean daring, tanda tangan elektronik (BSrE)",
        years=(2018, 2019),
        budget=1800,
        kpis=(
            KpiSpec("Jenis layanan yang bisa diajukan daring", "layanan", 20, 120),
            KpiSpec("Waktu rata-rata terbit izin usaha", "hari kerja", 14, 3),
        ),
        steps=(
            "Inventarisasi dan penyederhanaan SOP layanan",
            "Integrasi dengan data kependudukan",
            "Peluncuran portal dan gerai MPP",
        ),
        rpjmd="Program Peningkatan Kualitas Pelayanan Publik",
        answers="c_perizinan",
        quick_win=True,
    ),
    ProgramSpec(
        element="public_services",
        title="Kanal pengaduan warga terpadu (SP4N-LAPOR!)",
        description=(
            "Semua kanal pengaduan (aplikasi, media sosial, pesan singkat) masuk ke satu sistem "
            "yang terhubung ke SP4N-LAPOR! dengan batas waktu tindak lanjut per OPD."
        ),
        opd="Diskominfo",
        partners="Kementerian PANRB; Ombudsman RI Perwakilan Banten",
        technology="Sistem manajemen tiket pengaduan, integrasi API SP4N-LAPOR!",
        years=(2018, 2022),
        budget=550,
        kpis=(KpiSpec("Pengaduan ditindaklanjuti dalam 5 hari kerja", "%", 40, 90),),
        steps=(
            "Penunjukan admin pengaduan di tiap OPD",
            "Integrasi kanal ke satu sistem",
            "Publikasi kinerja tindak lanjut per OPD",
        ),
        rpjmd="Program Pengembangan Komunikasi, Informasi dan Media Massa",
        answers="c_data",
    ),
    ProgramSpec(
        element="bureaucracy",
        title="e-Planning dan e-Budgeting terintegrasi",
        description=(
            "Renja, RKA dan realisasi anggaran OPD disusun dan dipantau dalam satu sistem yang "
            "terhubung dengan RPJMD dan masterplan smart city."
        ),
        opd="Bappeda",
        partners="BPKAD; Inspektorat; Diskominfo",
        technology="Aplikasi perencanaan dan penganggaran berbasis web",
        years=(2018, 2021),
        budget=1200,
        kpis=(KpiSpec("OPD yang menyusun Renja dan RKA secara daring", "%", 30, 100),),
        steps=(
            "Penyusunan kamus program dan kegiatan",
            "Pengembangan modul e-Planning dan e-Budgeting",
            "Pelatihan operator OPD",
        ),
        rpjmd="Program Perencanaan Pembangunan Daerah",
        answers="c_data",
    ),
    ProgramSpec(
        element="bureaucracy",
        title="Jaringan fiber optik antar-kantor dan pusat data kota",
        description=(
            "Kantor OPD, kecamatan, kelurahan dan puskesmas tersambung ke pusat data kota lewat "
            "jaringan milik pemerintah, dengan pusat pemulihan bencana di lokasi kedua."
        ),
        opd="Diskominfo",
        partners="Operator telekomunikasi; BSSN",
        technology="Jaringan fiber optik, pusat data tier II, virtualisasi server",
        years=(2018, 2022),
        budget=3000,
        sources=(("apbd", 0.7), ("kpbu", 0.3)),
        kpis=(KpiSpec("Kantor pemerintah tersambung jaringan kota", "kantor", 25, 130),),
        steps=(
            "Kajian kelayakan KPBU jaringan",
            "Pembangunan jaringan tahap I (kantor OPD)",
            "Pembangunan jaringan tahap II (kelurahan dan puskesmas)",
        ),
        rpjmd="Program Pengembangan Komunikasi, Informasi dan Media Massa",
        answers="c_data",
    ),
    ProgramSpec(
        element="public_policy",
        title="Satu Data kota dan dasbor kinerja pimpinan",
        description=(
            "Data sektoral OPD dikumpulkan dengan standar yang sama, dibuka ke publik, dan "
            "ditampilkan di dasbor untuk rapat pimpinan."
        ),
        opd="Diskominfo",
        partners="Bappeda; BPS Kota Tangerang Selatan",
        technology="Portal data terbuka, gudang data, dasbor analitik",
        years=(2019, 2023),
        budget=900,
        kpis=(KpiSpec("Dataset sektoral terbuka", "dataset", 15, 300),),
        steps=(
            "Penetapan walidata dan standar data",
            "Pembangunan portal dan gudang data",
            "Dasbor rapat pimpinan",
        ),
        rpjmd="Program Pengembangan Data/Informasi",
        answers="c_data",
    ),
    ProgramSpec(
        element="tourism",
        title="Portal wisata, kuliner dan kalender event kota",
        description=(
            "Satu portal dan akun media sosial kota untuk kuliner, taman, situ, event olahraga "
            "dan budaya, dikelola bersama pelaku usaha."
        ),
        opd="Dinas Pariwisata",
        partners="Asosiasi pelaku usaha kuliner; komunitas kreatif",
        technology="Portal web responsif, kalender event, media sosial",
        years=(2018, 2019),
        budget=450,
        kpis=(KpiSpec("Event kota yang dipromosikan lewat portal", "event", 10, 48),),
        steps=(
            "Pendataan destinasi dan pelaku usaha",
            "Peluncuran portal dan kalender event",
        ),
        rpjmd="Program Pengembangan Pemasaran Pariwisata",
        answers="c_identitas",
        quick_win=True,
    ),
    ProgramSpec(
        element="business",
        title="Etalase UMKM daring dan galeri produk unggulan",
        description=(
            "Kurasi produk UMKM, foto dan katalog bersama, pendampingan masuk marketplace, dan "
            "galeri produk di ruang publik kota."
        ),
        opd="Dinas Koperasi dan UKM",
        partners="Dekranasda; marketplace nasional; perbankan",
        technology="Katalog produk daring, integrasi marketplace",
        years=(2018, 2021),
        budget=700,
        kpis=(KpiSpec("UMKM yang tampil di etalase daring", "UMKM", 50, 1500),),
        steps=("Kurasi dan pelatihan foto produk", "Peluncuran katalog", "Galeri produk"),
        rpjmd="Program Pengembangan Kewirausahaan dan Keunggulan Kompetitif UKM",
        answers="c_umkm",
    ),
    ProgramSpec(
        element="business",
        title="Tangerang Selatan kota inovasi: kemitraan riset dengan Puspiptek dan kampus",
        description=(
            "Forum tahunan dan skema uji coba hasil riset di OPD: masalah kota ditawarkan sebagai "
            "tantangan riset, hasilnya dipamerkan sebagai citra kota inovasi."
        ),
        opd="Bappeda",
        partners="BPPT; LIPI; perguruan tinggi di kota",
        technology="Portal tantangan inovasi, laboratorium uji coba (living lab)",
        years=(2019, 2027),
        budget=500,
        kpis=(KpiSpec("Hasil riset yang diuji coba di OPD", "inovasi", 0, 30),),
        steps=(
            "Nota kesepahaman dengan lembaga riset dan kampus",
            "Tantangan inovasi tahunan",
            "Pameran inovasi kota",
        ),
        rpjmd="Program Penelitian dan Pengembangan Daerah",
        answers="o_riset",
    ),
    ProgramSpec(
        element="city_appearance",
        title="Taman kota ramah warga dengan Wi-Fi dan CCTV",
        description=(
            "Penataan taman dan ruang terbuka publik dengan Wi-Fi gratis, CCTV dan papan informasi "
            "digital, sebagai wajah kota."
        ),
        opd="Dinas Perumahan, Kawasan Permukiman dan Pertanahan",
        partners="Diskominfo; pengembang kawasan (CSR)",
        technology="Wi-Fi publik, CCTV, papan informasi digital",
        years=(2019, 2023),
        budget=1500,
        sources=(("apbd", 0.8), ("csr", 0.2)),
        kpis=(KpiSpec("Taman kota dengan Wi-Fi, CCTV dan papan informasi", "taman", 2, 20),),
        steps=("Desain standar taman cerdas", "Penataan bertahap", "Pengelolaan bersama warga"),
        rpjmd="Program Pengelolaan Ruang Terbuka Hijau",
        answers="c_identitas",
    ),
    ProgramSpec(
        element="transactions",
        title="Pajak daerah dan retribusi non-tunai (e-PBB, e-BPHTB, e-Retribusi)",
        description=(
            "PBB, BPHTB dan retribusi dibayar lewat bank, gerai ritel dan dompet digital; wajib "
            "pajak memantau tagihan dan riwayat bayar secara daring."
        ),
        opd="Bapenda",
        partners="Bank pembangunan daerah; bank persepsi; penyedia dompet digital",
        technology="Sistem informasi pajak daerah, host-to-host perbankan, QR pembayaran",
        years=(2018, 2019),
        budget=1500,
        kpis=(KpiSpec("Penerimaan pajak daerah yang dibayar non-tunai", "%", 35, 80),),
        steps=(
            "Integrasi host-to-host dengan bank",
            "Pembayaran lewat gerai ritel dan dompet digital",
            "Sosialisasi ke wajib pajak",
        ),
        rpjmd="Program Peningkatan dan Pengembangan Pengelolaan Keuangan Daerah",
        answers="o_warga_digital",
        quick_win=True,
    ),
    ProgramSpec(
        element="transactions",
        title="Pasar rakyat dengan e-Retribusi pasar",
        description=(
            "Retribusi pedagang pasar rakyat dibayar non-tunai dengan kartu atau QR, dan pedagang "
            "dilatih menerima pembayaran digital dari pembeli."
        ),
        opd="Dinas Perindustrian dan Perdagangan",
        partners="Bank pembangunan daerah; paguyuban pedagang",
        technology="Kartu dan QR pembayaran, aplikasi penagihan retribusi",
        years=(2019, 2022),
        budget=800,
        sources=(("apbd", 0.6), ("dak", 0.4)),
        kpis=(KpiSpec("Pedagang pasar rakyat yang membayar retribusi non-tunai", "%", 0, 80),),
        steps=("Pendataan pedagang", "Uji coba di satu pasar", "Perluasan ke semua pasar"),
        rpjmd="Program Peningkatan Efisiensi Perdagangan Dalam Negeri",
        answers="c_umkm",
    ),
    ProgramSpec(
        element="industry",
        title="Inkubator startup dan ekonomi kreatif kota",
        description=(
            "Ruang kerja bersama, pendampingan dan akses pendanaan bagi startup lokal, bersama "
            "kampus dan pengembang kawasan."
        ),
        opd="Dinas Koperasi dan UKM",
        partners="Perguruan tinggi; pengembang kawasan; komunitas startup",
        technology="Ruang kerja bersama, platform pendampingan",
        years=(2018, 2022),
        budget=1000,
        sources=(("apbd", 0.7), ("csr", 0.3)),
        kpis=(KpiSpec("Startup lokal yang dibina", "startup", 0, 100),),
        steps=("Penyiapan ruang inkubator", "Program inkubasi angkatan pertama", "Demo day"),
        rpjmd="Program Pengembangan Kewirausahaan dan Keunggulan Kompetitif UKM",
        answers="o_startup",
    ),
    ProgramSpec(
        element="welfare",
        title="Data terpadu kesejahteraan sosial dan bantuan tepat sasaran",
        description=(
            "Pemutakhiran data penerima bantuan berbasis NIK oleh kelurahan, dipadankan dengan "
            "data kependudukan, agar bantuan sosial tepat sasaran."
        ),
        opd="Dinas Sosial",
        partners="Disdukcapil; Kementerian Sosial; kelurahan",
        technology="Aplikasi pemutakhiran data berbasis web dan ponsel",
        years=(2018, 2021),
        budget=600,
        kpis=(KpiSpec("Penerima bantuan dengan NIK terverifikasi", "%", 60, 100),),
        steps=("Pelatihan operator kelurahan", "Pemadanan NIK", "Pemutakhiran berkala"),
        rpjmd="Program Pemberdayaan Fakir Miskin, KAT dan PMKS Lainnya",
    ),
    ProgramSpec(
        element="health",
        title="Antrean puskesmas daring dan rekam medis elektronik",
        description=(
            "Warga mengambil antrean puskesmas dari ponsel; rekam medis elektronik terhubung "
            "antar-puskesmas dan ke rumah sakit umum daerah untuk rujukan."
        ),
        opd="Dinas Kesehatan",
        partners="BPJS Kesehatan; RSU Kota Tangerang Selatan",
        technology="Aplikasi antrean, SIMPUS dengan rekam medis elektronik",
        years=(2018, 2019),
        budget=1400,
        sources=(("apbd", 0.6), ("dak", 0.4)),
        kpis=(KpiSpec("Puskesmas dengan antrean daring dan rekam medis elektronik", "%", 0, 100),),
        steps=("Uji coba di puskesmas percontohan", "Perluasan ke semua puskesmas"),
        rpjmd="Program Upaya Kesehatan Masyarakat",
        answers="o_warga_digital",
        quick_win=True,
    ),
    ProgramSpec(
        element="mobility",
        title="Area traffic control system (ATCS) di persimpangan utama",
        description=(
            "Lampu lalu lintas adaptif dan kamera di persimpangan koridor utama, dipantau dari "
            "ruang kendali Dishub, dengan informasi lalu lintas untuk warga."
        ),
        opd="Dinas Perhubungan",
        partners="Polres Tangerang Selatan; Kementerian Perhubungan",
        technology="ATCS, kamera lalu lintas, papan informasi",
        years=(2018, 2023),
        budget=2200,
        sources=(("apbd", 0.7), ("apbn", 0.3)),
        kpis=(KpiSpec("Persimpangan dengan lampu lalu lintas adaptif", "simpang", 4, 40),),
        steps=(
            "Survei simpang dan desain sistem",
            "Pemasangan tahap I",
            "Pemasangan tahap II dan integrasi ruang kendali",
        ),
        rpjmd="Program Peningkatan Pelayanan Angkutan",
        answers="c_macet",
    ),
    ProgramSpec(
        element="mobility",
        title="Angkutan pengumpan ke stasiun KRL dengan informasi jadwal waktu nyata",
        description=(
            "Trayek pengumpan dari permukiman ke stasiun KRL, dengan posisi armada dan jadwal "
            "di aplikasi, bekerja sama dengan operator KRL dan pengembang kawasan."
        ),
        opd="Dinas Perhubungan",
        partners="PT KAI Commuter; BPTJ; pengembang kawasan",
        technology="GPS armada, aplikasi informasi jadwal",
        years=(2019, 2024),
        budget=2500,
        sources=(("apbd", 0.6), ("apbn", 0.4)),
        kpis=(KpiSpec("Stasiun KRL di kota yang terlayani pengumpan terjadwal", "%", 20, 100),),
        steps=("Kajian trayek pengumpan", "Uji coba dua trayek", "Perluasan trayek"),
        rpjmd="Program Peningkatan Pelayanan Angkutan",
        answers="c_macet",
    ),
    ProgramSpec(
        element="spatial",
        title="Peta tata ruang daring dan perizinan bangunan berbasis GIS",
        description=(
            "Rencana tata ruang dapat dicek warga di peta daring; permohonan izin bangunan "
            "diperiksa otomatis terhadap zonasi."
        ),
        opd="Dinas Bangunan dan Penataan Ruang",
        partners="DPMPTSP; Badan Informasi Geospasial; Kementerian ATR/BPN",
        technology="WebGIS, basis data zonasi",
        years=(2018, 2021),
        budget=900,
        kpis=(KpiSpec("Permohonan izin bangunan dengan cek zonasi daring", "%", 0, 100),),
        steps=("Digitalisasi peta rencana tata ruang", "Peluncuran WebGIS", "Integrasi ke MPP"),
        rpjmd="Program Perencanaan Tata Ruang",
        answers="c_perizinan",
    ),
    ProgramSpec(
        element="security",
        title="Layanan panggilan darurat 112 dan ruang kendali kota",
        description=(
            "Satu nomor 112 untuk kebakaran, kecelakaan, kesehatan dan keamanan, diteruskan dari "
            "ruang kendali kota yang memantau CCTV ke petugas terdekat."
        ),
        opd="Diskominfo",
        partners="Polres Tangerang Selatan; Dinas Pemadam Kebakaran dan Penyelamatan; BPBD",
        technology="Call center 112, CCTV, dispatch berbasis peta",
        years=(2018, 2019),
        budget=1600,
        kpis=(KpiSpec("Panggilan darurat diteruskan ke petugas dalam 5 menit", "%", 0, 85),),
        steps=("Penyiapan ruang kendali", "Pelatihan operator", "Peluncuran nomor 112"),
        rpjmd="Program Peningkatan Keamanan dan Kenyamanan Lingkungan",
        answers="c_darurat",
        quick_win=True,
    ),
    ProgramSpec(
        element="learning",
        title="Sekolah digital: internet sekolah dan e-Rapor SD/SMP",
        description=(
            "Akses internet memadai di SD dan SMP negeri, e-Rapor dan bahan ajar daring, dengan "
            "pelatihan guru."
        ),
        opd="Dinas Pendidikan dan Kebudayaan",
        partners="Kementerian Pendidikan dan Kebudayaan; operator telekomunikasi",
        technology="Jaringan sekolah, e-Rapor, portal bahan ajar",
        years=(2018, 2022),
        budget=1800,
        sources=(("apbd", 0.7), ("dak", 0.3)),
        kpis=(KpiSpec("SD dan SMP negeri dengan akses internet memadai", "%", 40, 100),),
        steps=("Pemetaan kebutuhan sekolah", "Pemasangan jaringan", "Pelatihan guru"),
        rpjmd="Program Wajib Belajar Pendidikan Dasar Sembilan Tahun",
        answers="o_warga_digital",
    ),
    ProgramSpec(
        element="community",
        title="Kelurahan digital dan literasi digital warga",
        description=(
            "Pos literasi digital di setiap kelurahan, dibina relawan TIK dan mahasiswa: aman "
            "bermedia sosial, layanan kota daring dan jualan daring."
        ),
        opd="Diskominfo",
        partners="Relawan TIK; perguruan tinggi; kelurahan",
        technology="Pusat belajar komunitas, modul literasi digital",
        years=(2019, 2022),
        budget=400,
        kpis=(KpiSpec("Kelurahan dengan pos literasi digital aktif", "kelurahan", 0, 54),),
        steps=("Rekrutmen relawan", "Pos percontohan", "Perluasan ke semua kelurahan"),
        rpjmd="Program Pengembangan Komunikasi, Informasi dan Media Massa",
        answers="o_warga_digital",
    ),
    ProgramSpec(
        element="learning",
        title="Perpustakaan digital kota",
        description="Koleksi buku elektronik dan pojok baca digital di ruang publik dan sekolah.",
        opd="Dinas Perpustakaan dan Arsip Daerah",
        partners="Perpustakaan Nasional; penerbit",
        technology="Aplikasi perpustakaan digital",
        years=(2019, 2022),
        budget=350,
        kpis=(KpiSpec("Anggota perpustakaan digital", "orang", 0, 25000),),
        steps=("Pengadaan lisensi koleksi", "Peluncuran aplikasi", "Pojok baca digital"),
        rpjmd="Program Pengembangan Budaya Baca dan Pembinaan Perpustakaan",
    ),
    ProgramSpec(
        element="waste",
        title="Bank sampah digital dan pemilahan dari rumah tangga",
        description=(
            "Bank sampah warga mencatat setoran di aplikasi; tabungan sampah bisa dipakai membayar "
            "iuran atau PBB; pemilahan dimulai dari rumah tangga."
        ),
        opd="Dinas Lingkungan Hidup",
        partners="Bank sampah warga; pengembang kawasan (CSR); perbankan",
        technology="Aplikasi bank sampah, timbangan digital",
        years=(2018, 2019),
        budget=700,
        sources=(("apbd", 0.7), ("csr", 0.3)),
        kpis=(KpiSpec("Bank sampah aktif tercatat di aplikasi", "unit", 30, 200),),
        steps=("Pendataan bank sampah", "Peluncuran aplikasi", "Kampanye pemilahan"),
        rpjmd="Program Pengembangan Kinerja Pengelolaan Persampahan",
        answers="c_sampah",
        quick_win=True,
    ),
    ProgramSpec(
        element="waste",
        title="Pengolahan sampah terpadu dan pemantauan TPA Cipeucang",
        description=(
            "Pengolahan sampah sebelum TPA (TPS3R, kompos, daur ulang), jembatan timbang digital "
            "dan pemantauan armada agar umur TPA Cipeucang lebih panjang."
        ),
        opd="Dinas Lingkungan Hidup",
        partners="Kementerian LHK; Kementerian PUPR; badan usaha (KPBU)",
        technology="Jembatan timbang digital, GPS armada, TPS3R",
        years=(2019, 2025),
        budget=3000,
        sources=(("apbd", 0.5), ("apbn", 0.3), ("kpbu", 0.2)),
        kpis=(KpiSpec("Sampah yang dikurangi dan diolah sebelum TPA", "%", 10, 40),),
        steps=(
            "Jembatan timbang dan GPS armada",
            "Pembangunan TPS3R per kecamatan",
            "Kajian KPBU pengolahan sampah",
        ),
        rpjmd="Program Pengembangan Kinerja Pengelolaan Persampahan",
        answers="c_sampah",
    ),
    ProgramSpec(
        element="protection",
        title="Sistem peringatan dini banjir Sungai Cisadane dan situ",
        description=(
            "Sensor tinggi muka air di sungai dan situ, peringatan lewat pesan singkat ke warga "
            "di bantaran, dan peta genangan untuk BPBD."
        ),
        opd="BPBD",
        partners="BBWS Ciliwung Cisadane; BMKG; Dinas Sumber Daya Air",
        technology="Sensor muka air (IoT), sirene, pesan singkat massal",
        years=(2018, 2021),
        budget=1100,
        kpis=(KpiSpec("Titik sungai dan situ dengan sensor tinggi muka air", "titik", 0, 15),),
        steps=("Pemetaan titik rawan", "Pemasangan sensor", "Simulasi evakuasi bersama warga"),
        rpjmd="Program Pencegahan Dini dan Penanggulangan Korban Bencana Alam",
    ),
    ProgramSpec(
        element="energy",
        title="Penerangan jalan umum LED cerdas",
        description=(
            "Penggantian lampu PJU ke LED yang dipantau dan diatur jarak jauh, lewat skema KPBU "
            "dengan pembayaran dari penghematan listrik."
        ),
        opd="Dinas Perhubungan",
        partners="PLN; badan usaha (KPBU)",
        technology="Lampu LED, pengendali jarak jauh, panel surya di titik tertentu",
        years=(2019, 2024),
        budget=2000,
        sources=(("kpbu", 0.6), ("apbd", 0.4)),
        kpis=(KpiSpec("Lampu PJU LED yang dipantau jarak jauh", "%", 0, 70),),
        steps=("Audit energi PJU", "Penyiapan KPBU", "Penggantian bertahap"),
        rpjmd="Program Pembangunan Prasarana dan Fasilitas Perhubungan",
    ),
)

PLAN = PlanSpec(
    region_code="36.74",
    short_name="tangsel",
    status=Status.ENACTED,
    vision=(
        "Tangerang Selatan kota cerdas, modern dan nyaman, yang melayani warganya dengan cepat "
        "dan terbuka berbasis data dan inovasi."
    ),
    strategy=(
        "Mulai dari layanan yang paling dirasakan warga komuter (perizinan, pajak, puskesmas, "
        "112), sambil membangun fondasi data dan jaringan bersama; melibatkan kampus, Puspiptek "
        "dan pengembang kawasan sebagai mitra; membiayai infrastruktur besar (jaringan, PJU, "
        "pengolahan sampah) dengan KPBU."
    ),
    missions=(
        "Mewujudkan layanan publik yang cepat, daring dan terintegrasi.",
        "Membangun tata kelola pemerintahan berbasis satu data.",
        "Memperkuat ekonomi kreatif, UMKM dan ekosistem inovasi kota.",
        "Mewujudkan mobilitas dan lingkungan kota yang nyaman dan berkelanjutan.",
    ),
    targets=(
        (D.GOVERNANCE, "Seluruh perizinan dapat diajukan dan dipantau daring pada 2019."),
        (D.ECONOMY, "80% penerimaan pajak daerah dibayar non-tunai pada 2019."),
        (D.LIVING, "Semua stasiun KRL di kota terlayani angkutan pengumpan terjadwal pada 2024."),
        (D.SOCIETY, "Setiap kelurahan punya pos literasi digital aktif pada 2022."),
        (D.ENVIRONMENT, "40% sampah dikurangi dan diolah sebelum TPA pada 2025."),
    ),
    analysis=ANALYSIS,
    programs=PROGRAMS,
    budget_envelope=35_000_000_000,
    consultation_summary=(
        "Data demo. Konsultasi publik di tujuh kecamatan dan forum daring; masukan utama: "
        "kemacetan menuju stasiun, antrean layanan, dan sampah."
    ),
    regulation_number="Peraturan Wali Kota Tangerang Selatan Nomor 27 Tahun 2018 (demo)",
    regulation_date=date(2018, 4, 16),
)
