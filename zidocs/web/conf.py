"""Configure Django as a library for one workspace: no settings module, no manage.py.

``configure(workspace)`` runs once per process (``zidocs serve``, ``zidocs
pengguna``, the tests' conftest). The service's own state lives in
``<workspace>/.zidocs/``: ``web.sqlite3`` (users, sessions, jobs, audit log,
django-axes) and ``web-secret`` (SECRET_KEY, made once with ``secrets``, mode 0600).
Views never read the workspace from settings directly: a middleware puts it on
``request.workspace``, so serving several offices later is a change there.
"""

from __future__ import annotations

import os
import secrets
from datetime import timedelta
from pathlib import Path

STATE_DIR = ".zidocs"
MB = 1024 * 1024
MAX_UPLOAD_BYTES = 20 * MB  # one request (all files of one upload); the per-file check is the same number
HARD_LIMIT_FACTOR = 4  # waitress refuses bodies over 4× the limit itself (its page is English)


def state_dir(workspace: Path) -> Path:
    return Path(workspace) / STATE_DIR


def _secret(state: Path) -> str:
    path = state / "web-secret"
    if not path.exists():
        tmp = path.with_name(f".web-secret.{os.getpid()}.tmp")
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w") as fh:
            fh.write(secrets.token_urlsafe(50))
        os.replace(tmp, path)
    return path.read_text().strip()


def allowed_hosts(host: str, extra: list[str] | None = None) -> list[str]:
    """Host headers accepted: the address served on (all names when it is every interface)."""
    if host in ("0.0.0.0", "::", ""):
        return ["*"]
    return sorted({host, "localhost", "127.0.0.1", "[::1]", *(extra or [])})


def configured_for(workspace: Path) -> bool:
    """Django is already set up in this process for ``workspace`` (another one is an error)."""
    from django.conf import settings  # lazy: every CLI command imports this module

    if not settings.configured:
        return False
    if Path(settings.ZIDOCS_WORKSPACE) != Path(workspace).resolve():
        raise RuntimeError(f"this process already serves {settings.ZIDOCS_WORKSPACE}")
    return True


def configure(
    workspace: Path,
    *,
    max_upload: int = MAX_UPLOAD_BYTES,
    hosts: list[str] | None = None,
    test: bool = False,
) -> None:
    """Django settings for serving ``workspace`` (call once per process)."""
    import django
    from django.conf import settings

    workspace = Path(workspace).resolve()
    state = state_dir(workspace)
    state.mkdir(parents=True, exist_ok=True)
    hashers = ["django.contrib.auth.hashers.Argon2PasswordHasher",  # argon2id, needs argon2-cffi
               "django.contrib.auth.hashers.PBKDF2PasswordHasher"]
    if test:  # fixture users: argon2 costs ~0.25 s a hash; one test asserts the argon2 format itself
        hashers = hashers + ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.configure(
        DEBUG=False,
        SECRET_KEY=_secret(state),
        ALLOWED_HOSTS=hosts or ["127.0.0.1", "localhost", "testserver"],
        ROOT_URLCONF="zidocs.web.urls",
        INSTALLED_APPS=[
            "django.contrib.auth",
            "django.contrib.contenttypes",
            "django.contrib.sessions",
            "axes",
            "zidocs.web.apps.ZidocsWebConfig",
        ],
        MIDDLEWARE=[
            "zidocs.web.middleware.UploadLimitMiddleware",  # FIRST: before CSRF parses the body
            "django.middleware.security.SecurityMiddleware",  # nosniff, Referrer-Policy, COOP
            "zidocs.web.middleware.SecurityHeadersMiddleware",  # strict CSP
            "zidocs.web.middleware.WorkspaceMiddleware",
            "django.contrib.sessions.middleware.SessionMiddleware",
            "django.middleware.common.CommonMiddleware",
            "django.middleware.csrf.CsrfViewMiddleware",
            "django.contrib.auth.middleware.AuthenticationMiddleware",
            "django.middleware.clickjacking.XFrameOptionsMiddleware",
            "axes.middleware.AxesMiddleware",  # last, as django-axes says
        ],
        AUTHENTICATION_BACKENDS=[
            "axes.backends.AxesStandaloneBackend",  # first, as django-axes says
            "django.contrib.auth.backends.ModelBackend",
        ],
        AUTH_USER_MODEL="zidocs_web.Pengguna",
        PASSWORD_HASHERS=hashers,
        AUTH_PASSWORD_VALIDATORS=[
            {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
             "OPTIONS": {"min_length": 10}},
            {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
            {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
        ],
        DATABASES={"default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": str(state / "web.sqlite3"),
            "TEST": {"NAME": str(state / "test-web.sqlite3")},  # a file: job threads see commits
            "OPTIONS": {
                "timeout": 20,
                "transaction_mode": "IMMEDIATE",
                "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            },
        }},
        DEFAULT_AUTO_FIELD="django.db.models.BigAutoField",
        SESSION_ENGINE="django.contrib.sessions.backends.db",  # server side, in web.sqlite3
        SESSION_COOKIE_AGE=12 * 3600,
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Lax",
        SESSION_COOKIE_NAME="zidocs_sesi",
        CSRF_COOKIE_NAME="zidocs_csrf",
        CSRF_FAILURE_VIEW="zidocs.web.views.csrf_failure",
        LOGIN_URL="/masuk",
        STATIC_URL="/_tidak_dipakai/",  # must be set (live_server); our files come from views.static
        SECURE_CONTENT_TYPE_NOSNIFF=True,
        SECURE_REFERRER_POLICY="same-origin",
        X_FRAME_OPTIONS="DENY",
        LANGUAGE_CODE="id",
        USE_I18N=True,
        TIME_ZONE="Asia/Jakarta",
        USE_TZ=True,
        TEMPLATES=[{
            "BACKEND": "django.template.backends.django.DjangoTemplates",
            "APP_DIRS": True,
            "OPTIONS": {"context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.template.context_processors.csrf",
            ]},
        }],
        FILE_UPLOAD_MAX_MEMORY_SIZE=MB,  # larger files spool to a temp file
        FILE_UPLOAD_HANDLERS=["zidocs.web.uploads.LimitedUploadHandler"],
        DATA_UPLOAD_MAX_MEMORY_SIZE=2 * MB,  # non-file fields
        DATA_UPLOAD_MAX_NUMBER_FILES=50,
        AXES_FAILURE_LIMIT=5,
        AXES_COOLOFF_TIME=timedelta(minutes=15),
        AXES_LOCKOUT_PARAMETERS=[["username", "ip_address"]],
        AXES_LOCKOUT_CALLABLE="zidocs.web.views.locked_out",
        AXES_RESET_ON_SUCCESS=True,
        AXES_VERBOSE=False,
        ZIDOCS_WORKSPACE=str(workspace),
        ZIDOCS_MAX_UPLOAD=max_upload,
        LOGGING_CONFIG=None,
    )
    django.setup()


def migrate() -> None:
    """Create or update web.sqlite3 (idempotent; run at each start)."""
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=0)
