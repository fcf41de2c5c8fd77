"""Kabupaten Siak (Riau): the old sultanate's seat on the Siak river (Istana Siak Sri Indrapura),
an economy of oil, gas and oil palm, wide peatlands prone to fires in the dry season, and many
kampung far from the capital. Demo content: figures are illustrative."""

from demo.masterplans.spec import AnalysisSpec, KpiSpec, PlanSpec, ProgramSpec
from masterplans.models import AnalysisKind as K
from masterplans.models import Dimension as D
from masterplans.models import Status

ANALYSIS = (
    AnalysisSpec(
        "s_istana",
        K.STRENGTH,
        D.BRANDING,
        "Warisan Kesultanan Siak: Istana Siak Sri Indrapura, makam Sultan Syarif Kasim II dan "
        "budaya Melayu yang terjaga.",
    ),
    AnalysisSpec(
        "s_fiskal",
        K.STRENGTH,
        D.ECONOMY,
        "Dana bagi hasil migas dan perkebunan memberi ruang fiskal untuk investasi awal.",
    ),
    AnalysisSpec(
        "s_hijau",
        K.STRENGTH,
        D.ENVIRONMENT,
        "Komitmen Siak Kabupaten Hijau dan kawasan konservasi seperti Taman Nasional Zamrud.",
    ),
    AnalysisSpec(
        "w_sinyal",
        K.WEAKNESS,
        D.SOCIETY,
        "Jangkauan internet dan sinyal seluler belum merata di kampung yang jauh dari ibu kota "
        "kabupaten.",
    ),
    AnalysisSpec(
        "w_komoditas",
        K.WEAKNESS,
        D.ECONOMY,
        "Ekonomi bergantung pada migas dan kelapa sawit; turunnya harga komoditas langsung terasa.",
    ),
    AnalysisSpec(
        "t_karhutla",
        K.THREAT,
        D.ENVIRONMENT,
        "Kebakaran hutan dan lahan gambut pada kemarau panjang, dengan kabut asap yang mengganggu "
        "kesehatan, sekolah dan penerbangan.",
    ),
    AnalysisSpec(
        "t_migas",
        K.THREAT,
        D.ECONOMY,
        "Produksi migas yang menurun dapat mengurangi dana bagi hasil.",
    ),
    AnalysisSpec(
        "c_layanan_jauh",
        K.CHALLENGE,
        D.GOVERNANCE,
        "Warga kampung menempuh jarak jauh ke ibu kota kabupaten untuk layanan kependudukan dan "
        "perizinan.",
    ),
    AnalysisSpec(
        "c_kinerja",
        K.CHALLENGE,
        D.GOVERNANCE,
        "Laporan kinerja dan keuangan OPD dan kampung masih manual, sulit dipantau dan "
        "dibandingkan.",
    ),
    AnalysisSpec(
        "c_wisata",
        K.CHALLENGE,
        D.BRANDING,
        "Wisata sejarah dan sungai belum dikemas dan dipromosikan; kunjungan masih bergantung pada "
        "event.",
    ),
    AnalysisSpec(
        "c_petani",
        K.CHALLENGE,
        D.ECONOMY,
        "Petani sawit swadaya dan UMKM kampung belum mendapat informasi harga dan akses pasar yang "
        "baik.",
    ),
    AnalysisSpec(
        "c_kesehatan",
        K.CHALLENGE,
        D.LIVING,
        "Puskesmas di kecamatan yang jauh kekurangan dokter spesialis; rujukan lambat.",
    ),
    AnalysisSpec(
        "c_mobilitas",
        K.CHALLENGE,
        D.LIVING,
        "Jarak antar-kecamatan jauh dan angkutan umum, darat maupun sungai, terbatas; jalan rusak "
        "lambat dilaporkan.",
    ),
    AnalysisSpec(
        "c_gambut",
        K.CHALLENGE,
        D.ENVIRONMENT,
        "Kebakaran lahan gambut berulang; deteksi titik api dan respons awal masih lambat.",
    ),
    AnalysisSpec(
        "o_event",
        K.OPPORTUNITY,
        D.BRANDING,
        "Tour de Siak dan festival budaya Melayu sebagai panggung promosi kabupaten.",
    ),
    AnalysisSpec(
        "o_kampung",
        K.OPPORTUNITY,
        D.SOCIETY,
        "Dana kampung dan BUMKam dapat membiayai layanan informasi dan usaha digital kampung.",
    ),
    AnalysisSpec(
        "o_csr",
        K.OPPORTUNITY,
        D.ECONOMY,
        "Perusahaan migas, perkebunan serta pulp dan kertas di kabupaten dapat bermitra lewat CSR.",
    ),
)

PROGRAMS = (
    ProgramSpec(
        element="public_services",
        title="Layanan kependudukan dan perizinan daring di kantor kecamatan",
        description=(
            "Kecamatan menerima dan mencetak dokumen kependudukan dan izin sederhana secara "
            "daring, sehingga warga kampung tidak perlu ke ibu kota kabupaten."
        ),
        opd="Disdukcapil",
        partners="DPMPTSP; Diskominfo; kecamatan",
        technology="Aplikasi layanan daring, perangkat cetak di kecamatan, tanda tangan elektronik",
        years=(2018, 2019),
        budget=900,
        kpis=(
            KpiSpec(
                "Kecamatan yang melayani kependudukan dan perizinan daring", "kecamatan", 2, 14
            ),
        ),
        steps=(
            "Penyiapan perangkat dan jaringan kecamatan",
            "Pelatihan petugas kecamatan",
            "Peluncuran layanan di semua kecamatan",
        ),
        rpjmd="Program Penataan Administrasi Kependudukan",
        answers="c_layanan_jauh",
        quick_win=True,
    ),
    ProgramSpec(
        element="public_services",
        title="Jaringan internet kantor kecamatan dan kampung",
        description=(
            "Kantor kampung dan kecamatan tersambung internet lewat jaringan kabupaten, BAKTI dan "
            "operator, menjadi titik layanan dan Wi-Fi publik."
        ),
        opd="Diskominfo",
        partners="BAKTI Kominfo; operator telekomunikasi; perusahaan mitra (CSR)",
        technology="Radio link, VSAT di kampung terpencil, Wi-Fi publik",
        years=(2018, 2022),
        budget=2500,
        sources=(("apbd", 0.6), ("apbn", 0.2), ("csr", 0.2)),
        kpis=(KpiSpec("Kantor kampung tersambung internet", "kampung", 30, 131),),
        steps=("Pemetaan titik blank spot", "Pembangunan tahap I", "Pembangunan tahap II"),
        rpjmd="Program Pengembangan Komunikasi, Informasi dan Media Massa",
        answers="c_layanan_jauh",
    ),
    ProgramSpec(
        element="bureaucracy",
        title="Sistem keuangan dan kinerja kampung terintegrasi",
        description=(
            "APBKampung, realisasi dan laporan kinerja kampung disusun di Siskeudes dan tampil di "
            "dasbor kabupaten untuk pembinaan dan pengawasan."
        ),
        opd="Dinas Pemberdayaan Masyarakat dan Kampung",
        partners="BPKP Perwakilan Riau; Inspektorat; kecamatan",
        technology="Siskeudes daring, dasbor kinerja kampung",
        years=(2018, 2021),
        budget=700,
        kpis=(KpiSpec("Kampung yang melaporkan APBKampung secara daring", "kampung", 20, 131),),
        steps=("Pelatihan operator kampung", "Integrasi dasbor", "Evaluasi tahunan kampung"),
        rpjmd="Program Peningkatan Kapasitas Aparatur Pemerintah Kampung",
        answers="c_kinerja",
    ),
    ProgramSpec(
        element="bureaucracy",
        title="e-Kinerja ASN dan e-Office",
        description="Naskah dinas, disposisi dan capaian kinerja pegawai dikelola secara daring.",
        opd="BKPSDM",
        partners="Diskominfo; BSSN",
        technology="e-Office, tanda tangan elektronik, aplikasi e-Kinerja",
        years=(2018, 2021),
        budget=600,
        kpis=(KpiSpec("OPD yang memakai e-Office", "%", 10, 100),),
        steps=(
            "Uji coba di lima OPD",
            "Perluasan ke semua OPD",
            "Kaitkan dengan tunjangan kinerja",
        ),
        rpjmd="Program Peningkatan Kapasitas Sumber Daya Aparatur",
        answers="c_kinerja",
    ),
    ProgramSpec(
        element="public_policy",
        title="Satu Data Siak dan dasbor pembangunan kampung",
        description=(
            "Data sektoral dan data kampung dikumpulkan dengan standar yang sama untuk perencanaan "
            "dan dibuka ke publik."
        ),
        opd="Bappeda",
        partners="Diskominfo; BPS Kabupaten Siak",
        technology="Portal data terbuka, dasbor analitik",
        years=(2019, 2023),
        budget=600,
        kpis=(KpiSpec("Dataset sektoral terbuka", "dataset", 10, 200),),
        steps=("Penetapan walidata", "Portal data", "Dasbor pembangunan kampung"),
        rpjmd="Program Perencanaan Pembangunan Daerah",
        answers="c_kinerja",
    ),
    ProgramSpec(
        element="tourism",
        title="Wisata sejarah Istana Siak digital: tiket daring dan pemandu audio",
        description=(
            "Tiket daring, pemandu audio dwibahasa dan informasi koleksi Istana Siak Sri Indrapura "
            "dan situs sejarah di sekitarnya."
        ),
        opd="Dinas Pariwisata",
        partners="Dinas Kebudayaan; pengelola Istana Siak; pemandu wisata lokal",
        technology="Tiket daring, kode QR di koleksi, pemandu audio",
        years=(2018, 2019),
        budget=600,
        kpis=(KpiSpec("Kunjungan Istana Siak dengan tiket daring", "%", 0, 50),),
        steps=("Digitalisasi informasi koleksi", "Peluncuran tiket daring dan pemandu audio"),
        rpjmd="Program Pengembangan Destinasi Pariwisata",
        answers="c_wisata",
        quick_win=True,
    ),
    ProgramSpec(
        element="tourism",
        title="Promosi digital Tour de Siak dan festival budaya Melayu",
        description=(
            "Kalender event, siaran langsung dan paket wisata yang mengaitkan Tour de Siak dan "
            "festival budaya dengan kunjungan ke istana dan kampung wisata."
        ),
        opd="Dinas Pariwisata",
        partners="Dinas Pemuda dan Olahraga; Kementerian Pariwisata; pelaku usaha wisata",
        technology="Portal event, media sosial, siaran langsung",
        years=(2018, 2027),
        budget=900,
        sources=(("apbd", 0.8), ("apbn", 0.2)),
        kpis=(KpiSpec("Paket wisata event yang dijual daring", "paket", 0, 40),),
        steps=("Kalender event tahunan", "Paket wisata bersama pelaku usaha", "Evaluasi dampak"),
        rpjmd="Program Pengembangan Pemasaran Pariwisata",
        answers="o_event",
    ),
    ProgramSpec(
        element="business",
        title="Branding produk unggulan kampung",
        description=(
            "Kemasan, sertifikasi halal dan PIRT, serta katalog daring produk olahan kampung "
            "dengan merek bersama kabupaten."
        ),
        opd="Dinas Koperasi dan UKM",
        partners="Dekranasda; BUMKam; marketplace nasional",
        technology="Katalog daring, integrasi marketplace",
        years=(2019, 2022),
        budget=500,
        kpis=(KpiSpec("Produk kampung bersertifikat yang dipasarkan daring", "produk", 20, 300),),
        steps=("Kurasi produk", "Pendampingan sertifikasi", "Peluncuran katalog"),
        rpjmd="Program Pengembangan Kewirausahaan dan Keunggulan Kompetitif UKM",
        answers="c_petani",
    ),
    ProgramSpec(
        element="city_appearance",
        title="Penataan tepian Sungai Siak dengan Wi-Fi dan informasi digital",
        description=(
            "Kawasan tepian sungai di ibu kota kabupaten ditata sebagai ruang publik dengan Wi-Fi, "
            "papan informasi sejarah dan penerangan hemat energi."
        ),
        opd="Dinas PUPR",
        partners="Dinas Pariwisata; Diskominfo",
        technology="Wi-Fi publik, papan informasi digital, lampu LED",
        years=(2019, 2023),
        budget=1500,
        sources=(("apbd", 0.7), ("dak", 0.3)),
        kpis=(KpiSpec("Kawasan tepian sungai tertata dengan fasilitas digital", "kawasan", 0, 3),),
        steps=("Desain kawasan", "Penataan tahap I", "Penataan tahap II"),
        rpjmd="Program Pembangunan Infrastruktur Perkotaan",
        answers="c_wisata",
    ),
    ProgramSpec(
        element="welfare",
        title="Bantuan sosial non-tunai dan data kemiskinan kampung",
        description=(
            "Penerima bantuan didata ulang oleh kampung berbasis NIK dan menerima bantuan lewat "
            "rekening dan kartu."
        ),
        opd="Dinas Sosial",
        partners="Kementerian Sosial; bank penyalur; kampung",
        technology="Aplikasi pemutakhiran data, kartu bantuan",
        years=(2018, 2019),
        budget=500,
        kpis=(KpiSpec("Penerima bantuan yang menerima secara non-tunai", "%", 30, 100),),
        steps=("Pemutakhiran data oleh kampung", "Penyaluran non-tunai"),
        rpjmd="Program Pemberdayaan Fakir Miskin, KAT dan PMKS Lainnya",
        quick_win=True,
    ),
    ProgramSpec(
        element="industry",
        title="Informasi harga TBS dan kemitraan petani sawit swadaya",
        description=(
            "Harga tandan buah segar yang ditetapkan provinsi dikirim ke petani lewat pesan "
            "singkat dan aplikasi; koperasi petani didampingi bermitra dengan pabrik."
        ),
        opd="Dinas Perkebunan",
        partners="Dinas Perkebunan Provinsi Riau; koperasi petani; perusahaan perkebunan",
        technology="Pesan singkat massal, aplikasi informasi harga",
        years=(2018, 2022),
        budget=600,
        kpis=(
            KpiSpec("Petani swadaya yang menerima informasi harga mingguan", "petani", 0, 10000),
        ),
        steps=("Pendataan petani dan koperasi", "Layanan informasi harga", "Forum kemitraan"),
        rpjmd="Program Peningkatan Produksi Perkebunan",
        answers="c_petani",
    ),
    ProgramSpec(
        element="industry",
        title="Hilirisasi hasil perkebunan dan perikanan kampung",
        description=(
            "Unit pengolahan bersama di kampung, dibiayai APBD dan CSR, untuk mengurangi "
            "ketergantungan pada komoditas mentah."
        ),
        opd="Dinas Perindustrian dan Perdagangan",
        partners="Perusahaan mitra (CSR); BUMKam; perguruan tinggi di Riau",
        technology="Peralatan pengolahan, pencatatan produksi digital",
        years=(2020, 2027),
        budget=1200,
        sources=(("apbd", 0.6), ("csr", 0.4)),
        kpis=(KpiSpec("Unit pengolahan kampung yang aktif", "unit", 5, 60),),
        steps=("Kajian komoditas", "Unit percontohan", "Perluasan lewat BUMKam"),
        rpjmd="Program Pengembangan Industri Kecil dan Menengah",
        answers="o_csr",
    ),
    ProgramSpec(
        element="transactions",
        title="Pajak daerah dan e-Retribusi pasar non-tunai",
        description="Pajak daerah dan retribusi pasar dibayar lewat bank daerah, ATM dan QR.",
        opd="Bapenda",
        partners="Bank Riau Kepri; Dinas Perindustrian dan Perdagangan",
        technology="Host-to-host perbankan, QR pembayaran",
        years=(2018, 2021),
        budget=700,
        kpis=(KpiSpec("Penerimaan pajak dan retribusi yang dibayar non-tunai", "%", 10, 70),),
        steps=("Integrasi dengan bank", "Uji coba pasar", "Perluasan"),
        rpjmd="Program Peningkatan dan Pengembangan Pengelolaan Keuangan Daerah",
    ),
    ProgramSpec(
        element="health",
        title="Telemedisin puskesmas ke RSUD Tengku Rafi'an",
        description=(
            "Dokter puskesmas berkonsultasi dengan dokter spesialis rumah sakit daerah lewat video "
            "dan rekam medis elektronik, sebelum merujuk."
        ),
        opd="Dinas Kesehatan",
        partners="RSUD Tengku Rafi'an; BPJS Kesehatan",
        technology="Telekonsultasi video, rekam medis elektronik",
        years=(2018, 2019),
        budget=900,
        sources=(("apbd", 0.6), ("dak", 0.4)),
        kpis=(KpiSpec("Puskesmas terhubung telekonsultasi dengan RSUD", "%", 0, 100),),
        steps=("Uji coba di tiga puskesmas", "Perluasan ke semua puskesmas"),
        rpjmd="Program Upaya Kesehatan Masyarakat",
        answers="c_kesehatan",
        quick_win=True,
    ),
    ProgramSpec(
        element="health",
        title="Rujukan terintegrasi dan ambulans kampung terpantau",
        description=(
            "Rujukan gawat darurat dipesan dan dipantau dari satu sistem dengan GPS ambulans."
        ),
        opd="Dinas Kesehatan",
        partners="RSUD; puskesmas; kampung",
        technology="Sistem rujukan terintegrasi, GPS ambulans",
        years=(2019, 2023),
        budget=1200,
        kpis=(KpiSpec("Rujukan gawat darurat dengan ambulans terpantau", "%", 0, 90),),
        steps=("Sistem rujukan", "GPS ambulans", "Pelatihan petugas"),
        rpjmd="Program Pengadaan, Peningkatan dan Perbaikan Sarana dan Prasarana Puskesmas",
        answers="c_kesehatan",
    ),
    ProgramSpec(
        element="mobility",
        title="Laporan jalan rusak warga dan pemantauan perbaikan",
        description=(
            "Warga melaporkan jalan rusak dengan foto dan lokasi; perbaikan dijadwalkan dan "
            "statusnya dapat diikuti."
        ),
        opd="Dinas PUPR",
        partners="Dinas Perhubungan; kecamatan",
        technology="Aplikasi pelaporan berbasis peta",
        years=(2019, 2022),
        budget=700,
        kpis=(KpiSpec("Laporan jalan rusak ditindaklanjuti dalam 30 hari", "%", 30, 85),),
        steps=("Aplikasi pelaporan", "SOP tindak lanjut", "Publikasi status perbaikan"),
        rpjmd="Program Rehabilitasi/Pemeliharaan Jalan dan Jembatan",
        answers="c_mobilitas",
    ),
    ProgramSpec(
        element="mobility",
        title="Informasi jadwal angkutan sungai dan dermaga",
        description=(
            "Jadwal dan posisi kapal penumpang di Sungai Siak tampil di dermaga dan aplikasi."
        ),
        opd="Dinas Perhubungan",
        partners="Operator angkutan sungai; KSOP",
        technology="GPS kapal, papan informasi dermaga",
        years=(2020, 2024),
        budget=500,
        kpis=(KpiSpec("Dermaga dengan informasi jadwal digital", "dermaga", 0, 6),),
        steps=("Pendataan trayek", "Pemasangan GPS dan papan", "Integrasi aplikasi"),
        rpjmd="Program Peningkatan Pelayanan Angkutan",
        answers="c_mobilitas",
    ),
    ProgramSpec(
        element="spatial",
        title="WebGIS tata ruang dan lahan gambut kabupaten",
        description=(
            "Peta tata ruang, konsesi, kesatuan hidrologis gambut dan kawasan lindung dalam satu "
            "peta daring untuk perizinan dan pencegahan kebakaran."
        ),
        opd="Bappeda",
        partners="Badan Restorasi Gambut; Badan Informasi Geospasial; Kementerian ATR/BPN",
        technology="WebGIS, citra satelit",
        years=(2018, 2021),
        budget=800,
        sources=(("apbd", 0.6), ("apbn", 0.4)),
        kpis=(KpiSpec("Peta tematik tata ruang dan gambut dipublikasikan", "peta", 0, 25),),
        steps=("Kompilasi peta", "Peluncuran WebGIS", "Pemutakhiran tahunan"),
        rpjmd="Program Perencanaan Tata Ruang",
        answers="c_gambut",
    ),
    ProgramSpec(
        element="community",
        title="Kampung digital: pusat informasi kampung dan BUMKam daring",
        description=(
            "Setiap kampung punya situs, pusat informasi dan operator muda; BUMKam menjual produk "
            "dan jasa secara daring."
        ),
        opd="Dinas Pemberdayaan Masyarakat dan Kampung",
        partners="BUMKam; Relawan TIK; Diskominfo",
        technology="Situs kampung, pelatihan operator",
        years=(2018, 2019),
        budget=500,
        kpis=(KpiSpec("Kampung dengan situs dan pusat informasi aktif", "kampung", 10, 60),),
        steps=("Pelatihan operator kampung", "Peluncuran situs kampung"),
        rpjmd="Program Peningkatan Partisipasi Masyarakat dalam Membangun Kampung",
        answers="o_kampung",
        quick_win=True,
    ),
    ProgramSpec(
        element="community",
        title="Masyarakat Peduli Api melapor lewat aplikasi",
        description=(
            "Kelompok Masyarakat Peduli Api (MPA) melaporkan patroli, tinggi muka air dan titik "
            "api dari lapangan, terhubung dengan posko BPBD."
        ),
        opd="BPBD",
        partners="Manggala Agni; kelompok MPA; perusahaan perkebunan (CSR)",
        technology="Aplikasi pelaporan lapangan luring-daring",
        years=(2018, 2021),
        budget=500,
        sources=(("apbd", 0.6), ("csr", 0.4)),
        kpis=(KpiSpec("Kelompok MPA yang melapor lewat aplikasi", "kelompok", 0, 60),),
        steps=("Pendataan kelompok MPA", "Pelatihan aplikasi", "Patroli terpadu"),
        rpjmd="Program Pencegahan Dini dan Penanggulangan Korban Bencana Alam",
        answers="c_gambut",
    ),
    ProgramSpec(
        element="learning",
        title="Sekolah digital dan beasiswa TIK putra daerah",
        description=(
            "Internet sekolah, bahan ajar daring dan beasiswa TIK bagi lulusan SMA dari kampung."
        ),
        opd="Dinas Pendidikan",
        partners="Perguruan tinggi di Riau; perusahaan mitra (CSR)",
        technology="Jaringan sekolah, portal bahan ajar",
        years=(2018, 2022),
        budget=1200,
        sources=(("apbd", 0.7), ("csr", 0.3)),
        kpis=(KpiSpec("SD dan SMP dengan akses internet", "%", 20, 90),),
        steps=("Pemetaan sekolah", "Pemasangan jaringan", "Beasiswa angkatan pertama"),
        rpjmd="Program Wajib Belajar Pendidikan Dasar Sembilan Tahun",
    ),
    ProgramSpec(
        element="security",
        title="CCTV dan layanan panggilan darurat 112",
        description="Satu nomor darurat dan CCTV di ibu kota kabupaten dan kecamatan ramai.",
        opd="Diskominfo",
        partners="Polres Siak; BPBD; Dinas Pemadam Kebakaran",
        technology="Call center 112, CCTV",
        years=(2019, 2022),
        budget=900,
        kpis=(KpiSpec("Panggilan darurat diteruskan ke petugas dalam 5 menit", "%", 0, 80),),
        steps=("Ruang kendali", "Pelatihan operator", "Peluncuran 112"),
        rpjmd="Program Peningkatan Keamanan dan Kenyamanan Lingkungan",
    ),
    ProgramSpec(
        element="protection",
        title="Sistem peringatan dini kebakaran lahan gambut",
        description=(
            "Titik panas dari satelit, sensor tinggi muka air gambut dan laporan lapangan "
            "digabung dalam dasbor BPBD, dengan peringatan ke kampung dan perusahaan terdekat."
        ),
        opd="BPBD",
        partners="BMKG; Badan Restorasi Gambut; Manggala Agni; perusahaan konsesi",
        technology="Data titik panas satelit, sensor muka air tanah (IoT), dasbor, pesan singkat",
        years=(2018, 2019),
        budget=1500,
        sources=(("apbd", 0.5), ("apbn", 0.3), ("csr", 0.2)),
        kpis=(KpiSpec("Titik panas yang diverifikasi di lapangan dalam 24 jam", "%", 20, 90),),
        steps=(
            "Integrasi data titik panas",
            "Pemasangan sensor di kampung rawan",
            "Simulasi respons bersama MPA",
        ),
        rpjmd="Program Pencegahan Dini dan Penanggulangan Korban Bencana Alam",
        answers="c_gambut",
        quick_win=True,
    ),
    ProgramSpec(
        element="protection",
        title="Restorasi gambut: sekat kanal dan pemantauan muka air",
        description="Sekat kanal dan stasiun pemantau muka air di kesatuan hidrologis gambut.",
        opd="Dinas Lingkungan Hidup",
        partners="Badan Restorasi Gambut; kelompok masyarakat",
        technology="Stasiun pemantau muka air otomatis",
        years=(2019, 2025),
        budget=1500,
        sources=(("apbn", 0.6), ("apbd", 0.4)),
        kpis=(KpiSpec("Stasiun pemantau muka air gambut", "unit", 0, 40),),
        steps=("Penetapan lokasi", "Pembangunan sekat kanal", "Pemantauan"),
        rpjmd="Program Perlindungan dan Konservasi Sumber Daya Alam",
        answers="c_gambut",
    ),
    ProgramSpec(
        element="waste",
        title="Bank sampah digital dan TPS3R kecamatan",
        description="Bank sampah kampung mencatat setoran di aplikasi; TPS3R di kecamatan padat.",
        opd="Dinas Lingkungan Hidup",
        partners="Bank sampah warga; BUMKam",
        technology="Aplikasi bank sampah",
        years=(2019, 2023),
        budget=600,
        kpis=(KpiSpec("Bank sampah aktif tercatat", "unit", 5, 60),),
        steps=("Pendataan", "Aplikasi", "TPS3R"),
        rpjmd="Program Pengembangan Kinerja Pengelolaan Persampahan",
    ),
    ProgramSpec(
        element="energy",
        title="PLTS atap kantor pemerintah dan PJU tenaga surya kampung",
        description="Panel surya di kantor pemerintah dan lampu jalan tenaga surya di kampung.",
        opd="Dinas PUPR",
        partners="PLN; perusahaan mitra (CSR)",
        technology="PLTS atap, PJU tenaga surya",
        years=(2020, 2025),
        budget=1000,
        sources=(("apbd", 0.5), ("csr", 0.5)),
        kpis=(KpiSpec("PJU tenaga surya terpasang di kampung", "unit", 0, 800),),
        steps=("Audit energi", "Pemasangan bertahap", "Pemeliharaan oleh kampung"),
        rpjmd="Program Pembinaan dan Pengembangan Bidang Ketenagalistrikan",
        answers="o_csr",
    ),
)

PLAN = PlanSpec(
    region_code="14.08",
    short_name="siak",
    status=Status.APPROVED,
    vision=(
        "Siak kabupaten cerdas dan hijau, berbudaya Melayu, yang layanannya menjangkau setiap "
        "kampung."
    ),
    strategy=(
        "Mendekatkan layanan ke kampung lewat jaringan dan kecamatan; menjaga gambut dengan data "
        "dan masyarakat; mengangkat warisan Kesultanan Siak sebagai merek; mengurangi "
        "ketergantungan pada migas dan sawit lewat hilirisasi dan UMKM, bersama perusahaan mitra."
    ),
    missions=(
        "Mendekatkan layanan publik ke setiap kampung.",
        "Menjaga lingkungan dan lahan gambut dari kebakaran.",
        "Mengembangkan pariwisata sejarah dan budaya Melayu.",
        "Memperkuat ekonomi kampung di luar migas dan sawit.",
    ),
    targets=(
        (D.GOVERNANCE, "Semua kecamatan melayani kependudukan dan perizinan daring pada 2019."),
        (D.SOCIETY, "Semua kantor kampung tersambung internet pada 2022."),
        (D.ENVIRONMENT, "90% titik panas diverifikasi di lapangan dalam 24 jam."),
        (D.BRANDING, "Setengah kunjungan Istana Siak memakai tiket daring pada 2019."),
    ),
    analysis=ANALYSIS,
    programs=PROGRAMS,
    budget_envelope=25_000_000_000,
    consultation_summary=(
        "Data demo. Musyawarah di tingkat kecamatan bersama penghulu kampung, MPA dan pelaku "
        "wisata; masukan utama: sinyal di kampung, kebakaran lahan, harga TBS."
    ),
)
