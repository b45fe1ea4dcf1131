"""The project as a whole: production settings, migrations, templates."""

import os
import re
import subprocess
import sys
from pathlib import Path

from django.conf import settings
from django.core.management import call_command

ROOT = Path(settings.BASE_DIR)

PRODUCTION = {
    "DEBUG": "false",
    "TESTING": "false",
    "SECRET_KEY": "x" * 60 + "production-like-secret-value-for-the-check",
    "ALLOWED_HOSTS": "samverkan.example.se",
    "IDENTITY_KEYS": "c2FtdmVya2FuLWRlbW8ta2V5LW5vdC1mb3ItcHJvZCE=",
    "IDENTITY_HASH_KEY": "another-long-secret",
    "DATABASE_URL": "sqlite:///:memory:",
}


def run_manage(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "PYTEST"))}
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_check_deploy_is_clean_with_production_values():
    result = run_manage("check", "--deploy", "--fail-level", "WARNING", env=PRODUCTION)
    assert result.returncode == 0, result.stdout + result.stderr


def test_production_refuses_to_start_without_a_secret_key():
    env = {k: v for k, v in PRODUCTION.items() if k != "SECRET_KEY"}
    result = run_manage("check", env=env)
    assert result.returncode != 0 and "SECRET_KEY is required" in result.stderr


def test_a_bad_boolean_stops_the_start_with_the_variable_named():
    result = run_manage("check", env={**PRODUCTION, "DEBUG": "ja"})
    assert result.returncode != 0 and "DEBUG must be true or false" in result.stderr


def test_production_hashes_passwords_with_argon2():
    result = run_manage(
        "shell", "-c", "from django.conf import settings; print(settings.PASSWORD_HASHERS[0])", env=PRODUCTION
    )
    assert result.stdout.strip().splitlines()[-1] == "django.contrib.auth.hashers.Argon2PasswordHasher", result.stderr


def test_migrations_are_complete(db):
    call_command("makemigrations", "--check", "--dry-run", verbosity=0)


def test_no_template_has_inline_script_or_style():
    # The Content-Security-Policy forbids them; a template that needs one is a bug.
    offenders = []
    for path in ROOT.glob("samverkan/**/templates/**/*.html"):
        text = path.read_text()
        if re.search(r"<script(?![^>]*\bsrc=)(?![^>]*type=\"application/json\")[^>]*>", text) or re.search(
            r"<style|\sstyle=\"|\son[a-z]+=\"", text
        ):
            offenders.append(str(path.relative_to(ROOT)))
    assert not offenders, offenders


TEXT_SUFFIXES = {".py", ".md", ".html", ".toml", ".cfg", ".txt", ".sh", ".yml", ".yaml", ".json", ".csv"}


def test_nothing_in_the_repository_names_a_machine_path():
    tracked = subprocess.run(["git", "ls-files"], cwd=ROOT, capture_output=True, text=True, check=False).stdout.split()
    pattern = re.compile(r"/(work|root|home|tmp)/[a-z]")
    offenders = []
    for name in tracked:
        path = ROOT / name
        textual = path.suffix in TEXT_SUFFIXES or name in {"Makefile", ".ci/run"}
        if textual and path.is_file() and pattern.search(path.read_text(errors="ignore")):
            offenders.append(name)
    assert not offenders, offenders
