"""manage.py backup and restore: the whole database out to one file and back, row for row."""

import json
import os
import shutil
import sqlite3
import struct
import subprocess
import sys
import zipfile
from pathlib import Path
from typing import Any

import pytest
from django.apps import apps
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from kotacerdas.backup import backup_verify, migration_state
from kotacerdas.management.commands import backup as backup_command
from kotacerdas.management.commands import restore as restore_command

ROOT = Path(__file__).resolve().parents[2]


def seed_platform() -> None:
    """A little of everything: M2M rows, a session, audit events, an admin log entry."""
    from django.contrib.admin.models import CHANGE, LogEntry
    from django.contrib.auth.models import Group, Permission
    from django.contrib.contenttypes.models import ContentType
    from django.contrib.sessions.backends.db import SessionStore

    from accounts.models import ApiToken, Membership, Organisation, OrganisationKind, Role, User
    from audit.models import Action, AuditEvent
    from regions.models import Region

    bandung = Region.objects.get(code="32.73")
    team = Group.objects.create(name="Tim Kota Bandung")
    team.permissions.add(*Permission.objects.filter(codename__startswith="change_"))
    editor = User.objects.create_user(
        "editor.bandung", password="kata-sandi-uji-123", first_name="Siti", last_name="Rahayu"
    )
    editor.groups.add(team)
    editor.user_permissions.add(Permission.objects.get(codename="view_region"))
    User.objects.create_user("sementara").delete()  # leaves a gap in the ids
    government = Organisation.objects.create(
        name="Pemerintah Kota Bandung", kind=OrganisationKind.REGIONAL_GOVERNMENT, region=bandung
    )
    Membership.objects.create(
        user=editor, role=Role.REGIONAL_EDITOR, region=bandung, organisation=government
    )
    ApiToken.issue(user=editor, name="dasbor")
    bandung.description = "Kota kreatif — “Paris van Java”.\nBaris kedua."
    bandung.save()
    AuditEvent.objects.create(
        actor=editor,
        actor_label=editor.username,
        action=Action.IMPORT,
        ip="10.0.0.7",
        changes={"berkas": "wilayah.csv", "baris": [1, 2.5, None, {"ü": True}]},
    )
    LogEntry.objects.create(
        user=editor,
        content_type=ContentType.objects.get_for_model(Region),
        object_id=str(bandung.pk),
        object_repr=str(bandung),
        action_flag=CHANGE,
        change_message="[]",
    )
    session = SessionStore()
    session["kota"] = bandung.code
    session.create()


def _backup(path: Path) -> None:
    call_command(backup_command.Command(), str(path), verbosity=0)


def _restore(path: Path) -> None:
    call_command(restore_command.Command(), str(path), verbosity=0)


def _every_row() -> dict[str, list[tuple[Any, ...]]]:
    """All columns of every row of every model's table, by table, in primary key order."""
    rows = {}
    for model in apps.get_models(include_auto_created=True):
        if not model._meta.proxy:
            columns = [f.attname for f in model._meta.local_concrete_fields]
            queryset = model._base_manager.order_by("pk").values_list(*columns)
            rows[model._meta.db_table] = list(queryset)
    return rows


def _manifest(path: Path) -> dict[str, Any]:
    with zipfile.ZipFile(path) as archive:
        return json.loads(archive.read("manifest.json"))


def _rewrite(path: Path, change: Any) -> None:
    """Rewrite the archive as a valid zip, passing each member's bytes through ``change``."""
    with zipfile.ZipFile(path) as archive:
        members = {name: archive.read(name) for name in archive.namelist()}
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, change(name, data))


def _flip_a_byte_inside(path: Path, member: str) -> None:
    with zipfile.ZipFile(path) as archive:
        info = archive.getinfo(member)
    data = bytearray(path.read_bytes())
    name_length, extra_length = struct.unpack("<HH", data[info.header_offset + 26 :][:4])
    start = info.header_offset + 30 + name_length + extra_length
    data[start + info.compress_size // 2] ^= 0xFF
    path.write_bytes(bytes(data))


# Through manage.py, on two fresh SQLite files, whatever database the suite runs on.


def _manage(tmp_path: Path, database: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in {"DEBUG", "KC_ENV", "SECRET_KEY"}}
    env["DATABASE_URL"] = f"sqlite:///{database}"
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )


def _sqlite_tables(database: Path) -> dict[str, list[tuple[Any, ...]]]:
    with sqlite3.connect(database) as db:
        names = [
            name
            for (name,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
            if not name.startswith("sqlite_") and name != "django_migrations"
        ]
        tables = {name: sorted(db.execute(f'SELECT * FROM "{name}"'), key=repr) for name in names}  # noqa: S608
        tables["django_migrations"] = sorted(db.execute("SELECT app, name FROM django_migrations"))
    return tables


def test_a_backup_restored_into_a_fresh_database_equals_the_original_row_for_row(
    tmp_path: Path,
) -> None:
    source, target = tmp_path / "asal.sqlite3", tmp_path / "baru.sqlite3"
    backup = tmp_path / "kc.zip"
    migrated = _manage(tmp_path, source, "migrate", "-v0")
    assert migrated.returncode == 0, migrated.stderr
    shutil.copy(source, target)  # the fresh, migrated database to restore into
    fill_and_back_up = (
        "from django.core.management import call_command as c;"
        "from kotacerdas.tests.test_backup import seed_platform as s;"
        f"c('load_regions', verbosity=0); s(); c('backup', {str(backup)!r})"
    )
    for database, *args in [
        (source, "shell", "-c", fill_and_back_up),
        (target, "restore", str(backup)),
    ]:
        result = _manage(tmp_path, database, *args)
        assert result.returncode == 0, f"{args}: {result.stdout}{result.stderr}"
    assert "Dipulihkan" in result.stdout

    original, restored = _sqlite_tables(source), _sqlite_tables(target)
    assert set(restored) == set(original)
    for table, rows in original.items():
        assert restored[table] == rows, table
    for table in [
        "accounts_user_groups",
        "auth_group_permissions",
        "django_session",
        "audit_auditevent",
        "django_admin_log",
        "accounts_apitoken",
    ]:
        assert original[table], f"{table} should hold rows for the comparison to mean something"


# In this process, on the suite's own database (SQLite or PostgreSQL).


def test_the_manifest_counts_every_row_of_every_table(tmp_path: Path, owner, outsider) -> None:
    path = tmp_path / "kc.zip"
    _backup(path)

    manifest = _manifest(path)
    counts = {table["table"]: table["rows"] for table in manifest["tables"]}
    every_table = set(connection.introspection.table_names()) - {"django_migrations"}
    assert set(counts) == every_table
    for model in apps.get_models(include_auto_created=True):
        if not model._meta.proxy:
            assert counts[model._meta.db_table] == model._base_manager.count(), model
    assert counts["regions_region"] == 514
    assert manifest["migrations"] == migration_state(connection)
    assert manifest["format"] == "kotacerdas-backup"
    assert manifest["version"] == 1
    assert len(manifest["data_sha256"]) == 64
    assert backup_verify(path=path).total_rows == sum(counts.values())


@pytest.fixture
def emptied_after_backup(registry_committed: None, tmp_path: Path):
    """A backup of a seeded database, the rows it held, and the database emptied as by migrate."""
    seed_platform()
    path = tmp_path / "kc.zip"
    _backup(path)
    rows = _every_row()
    # flush leaves what migrate leaves: empty tables, then content types and permissions.
    call_command("flush", interactive=False, verbosity=0)
    return path, rows


def test_a_restore_into_the_emptied_database_gives_back_every_row_and_fresh_ids(
    emptied_after_backup,
) -> None:
    from accounts.models import User

    path, before = emptied_after_backup
    _restore(path)

    assert _every_row() == before
    newcomer = User.objects.create_user("pengguna.baru")
    assert newcomer.pk > max(row[0] for row in before["accounts_user"])


@pytest.mark.parametrize(
    "damage, problem",
    [
        ("flipped_byte", "rusak"),
        ("changed_row", "checksum SHA-256 data tabel regions_region tidak cocok"),
        ("truncated", "rusak atau terpotong"),
    ],
)
def test_a_damaged_file_is_refused_and_nothing_is_written(
    emptied_after_backup, damage: str, problem: str
) -> None:
    path, _rows = emptied_after_backup
    if damage == "flipped_byte":
        _flip_a_byte_inside(path, "data/regions_region.jsonl")
    elif damage == "changed_row":

        def rename_bandung(name: str, data: bytes) -> bytes:
            if name != "data/regions_region.jsonl":
                return data
            return data.replace(b'"Kota Bandung"', b'"Kota Bandoeng"')

        _rewrite(path, rename_bandung)
    else:
        path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])
    before = _every_row()

    with pytest.raises(CommandError, match=problem):
        _restore(path)

    assert _every_row() == before
    assert before["regions_region"] == []


def test_a_restore_into_a_database_with_data_is_refused(tmp_path: Path, owner) -> None:
    path = tmp_path / "kc.zip"
    _backup(path)
    before = _every_row()

    with pytest.raises(CommandError, match=r"sudah berisi data \(.*accounts_user.*regions_region"):
        _restore(path)

    assert _every_row() == before


def test_a_backup_from_another_migration_state_is_refused(tmp_path: Path, owner) -> None:
    path = tmp_path / "kc.zip"
    _backup(path)

    def older_regions(name: str, data: bytes) -> bytes:
        if name != "manifest.json":
            return data
        manifest = json.loads(data)
        manifest["migrations"]["regions"] = "0001_initial"
        return json.dumps(manifest).encode()

    _rewrite(path, older_regions)
    current = migration_state(connection)["regions"]

    with pytest.raises(
        CommandError, match=f"migrasi .*regions: cadangan 0001_initial, basis data {current}"
    ):
        _restore(path)


def test_a_zip_bomb_is_refused_before_anything_is_inflated(tmp_path) -> None:  # type: ignore[no-untyped-def]
    import zipfile

    from kotacerdas.backup import BackupError, _open_backup

    bomb = tmp_path / "cadangan.zip"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("data/regions_region.jsonl", b"\n" * (20 * 1024 * 1024))
    with pytest.raises(BackupError, match="dimampatkan"), _open_backup(bomb):
        pass
