"""The one settings module of fazhi, configured by environment variables (DATABASE_URL, SECRET_KEY, DEBUG...)."""

import base64
import os
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent
PROJECT_DIR = Path(os.environ.get("FAZHI_HOME", BASE_DIR.parent.parent))
VAR_DIR = Path(os.environ.get("FAZHI_VAR", PROJECT_DIR / "var"))


def env_flag(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


DEBUG = env_flag("DEBUG")
# Production is the default; a development key is only accepted when explicitly asked for.
DEV_MODE = env_flag("FAZHI_DEV") or DEBUG
SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEV_MODE:
        raise ImproperlyConfigured("生产模式必须设置环境变量 SECRET_KEY（开发环境请设置 FAZHI_DEV=1）。")
    SECRET_KEY = "fazhi-development-only-key-not-for-production"  # noqa: S105  (development key, refused in production)

ALLOWED_HOSTS = [
    h.strip() for h in os.environ.get("ALLOWED_HOSTS", "127.0.0.1,localhost").split(",") if h.strip()
]
CSRF_TRUSTED_ORIGINS = [o for o in os.environ.get("CSRF_TRUSTED_ORIGINS", "").split(",") if o]

INSTALLED_APPS = [
    "unfold",
    "unfold.contrib.filters",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rest_framework",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "axes",
    "django_tasks",
    "django_tasks_db",
    "csp",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "fazhi.core",
    "fazhi.indicators",
    "fazhi.review",
    "fazhi.decisions",
    "fazhi.enforcement",
    "fazhi.disputes",
    "fazhi.litigation",
    "fazhi.oversight",
    "fazhi.duties",
    "fazhi.catalogs",
    "fazhi.reports",
    "fazhi.perf",
]
if DEV_MODE:
    INSTALLED_APPS.append("fazhi.demo")  # the fictional demo district: development only

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "fazhi.core.web.csp.FazhiCSPMiddleware",  # outside every other: each page's response gets the policy
    "django.contrib.sessions.middleware.SessionMiddleware",
    "fazhi.core.web.sessions.IdleRenewalMiddleware",  # renews the idle timeout once a minute, not on every request
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "fazhi.core.web.otp.SecondFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "fazhi.core.audit.AuditContextMiddleware",
    "fazhi.core.web.params.QueryParamsMiddleware",
    "fazhi.core.web.deadlines.SharedCalendarMiddleware",  # a GET's deadlines share one calendar, not one per row
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "fazhi.urls"
# Django's renderer, but a <select> written in Python: a province's unit select took 150–250 ms through the templates.
FORM_RENDERER = "fazhi.core.web.render.FormRenderer"
# A form's unit choice (core.web.units) is a <select> while the user may choose among at most this many units, a
# search field above it: a district's clerks keep their dropdown, a province's 1,000 units are never listed whole.
FAZHI_UNIT_SELECT_MAX = int(os.environ.get("FAZHI_UNIT_SELECT_MAX", "60"))
WSGI_APPLICATION = "fazhi.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{VAR_DIR / 'fazhi.sqlite3'}"),
        conn_max_age=int(os.environ.get("DB_CONN_MAX_AGE", "0")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # Issue 19 (EXPLAIN at city scale): JIT compilation only cost time on the figures' statements (tens to hundreds
    # of ms each, never repaid), and with random_page_cost at the default 4 (spinning disks) the planner scanned whole
    # tables instead of a county's (organization, date) index; the data sits in memory/SSD.
    # An explicit `options` replaces libpq's PGOPTIONS, so the operator's (e.g. CI's synchronous_commit=off) is kept.
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = " ".join(
        filter(None, ["-c jit=off -c random_page_cost=1.1", os.environ.get("PGOPTIONS", "")])
    )
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets the pages read while an import writes; the timeout waits for the writer instead of failing.
    DATABASES["default"]["OPTIONS"] = {
        "timeout": 20,
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }

AUTH_USER_MODEL = "core.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "fazhi.core.web.sessions.UserBackend",  # Django's ModelBackend, the user read with their person and unit
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    {"NAME": "fazhi.core.passwords.ComplexityValidator"},
    {"NAME": "fazhi.core.passwords.NoPersonalDataValidator"},
]
# Administrators (系统管理员, 司法局管理员) prove a TOTP code after their password (core.web.otp): on in production,
# off in development and tests unless FAZHI_OTP_REQUIRED says otherwise.
FAZHI_OTP_REQUIRED = env_flag("FAZHI_OTP_REQUIRED", not DEV_MODE)
OTP_TOTP_ISSUER = "法治政府建设工作平台"
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "core:workbench"
LOGOUT_REDIRECT_URL = "login"

AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = 1  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_TEMPLATE = "registration/locked.html"

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文")]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = VAR_DIR / "static"
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # whitenoise expects it; collectstatic fills it in production
MEDIA_URL = "/media/"
MEDIA_ROOT = VAR_DIR / "media"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Long work (ledger imports, report rendering, scheduled work) runs on django-tasks: the web process stores each
# task in the database and `fazhi worker` runs it, so a restart loses no job and the web process starts no thread.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
DATA_UPLOAD_MAX_MEMORY_SIZE = 50 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024

# Sessions end after FAZHI_IDLE_MINUTES without a request and with the browser: a request renews the expiry when it
# was last renewed a minute or more ago (core.web.sessions.IdleRenewalMiddleware; not a database write per request).
SESSION_COOKIE_AGE = int(os.environ.get("FAZHI_IDLE_MINUTES", "30")) * 60
SESSION_SAVE_EVERY_REQUEST = False
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

# Content-Security-Policy (django-csp): everything from this site only, no inline script and no inline style; pages
# read their data from data- attributes and their behaviour from static files (core.web.csp for the exceptions).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}
FAZHI_CSP_RELAXED = {
    "/admin/": {"script-src": ["'unsafe-eval'"], "style-src": ["'unsafe-inline'"]},
    "/api/": {"style-src": ["'unsafe-inline'"]},  # the browsable API and Swagger UI
    "/public/annual-reports/": {"style-src": ["'unsafe-inline'"]},
}

if not DEV_MODE:
    SESSION_COOKIE_SECURE = env_flag("SECURE_COOKIES", True)
    CSRF_COOKIE_SECURE = env_flag("SECURE_COOKIES", True)
    SECURE_HSTS_SECONDS = int(os.environ.get("HSTS_SECONDS", str(365 * 24 * 3600)))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = env_flag("HSTS_PRELOAD", False)
    SECURE_SSL_REDIRECT = env_flag("SECURE_SSL_REDIRECT", True)
    if os.environ.get("FAZHI_TRUSTED_PROXIES"):
        # nginx sets X-Forwarded-Proto; believed only because a trusted proxy is configured in front
        SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SILENCED_SYSTEM_CHECKS = [] if env_flag("HSTS_PRELOAD", False) else ["security.W021"]

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.SessionAuthentication",
        "fazhi.core.web.otp.PasswordOnlyRefusedForAdmins",
        # Machine clients (the 12345 platform …): `Authorization: Token …`, bound to one login, every call audited.
        "fazhi.core.web.tokens.ApiTokenAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_PAGINATION_CLASS": "fazhi.core.web.filters.Pagination",
    "PAGE_SIZE": 50,
    "EXCEPTION_HANDLER": "fazhi.core.web.api.fazhi_exception_handler",
    # Every list endpoint: ?<field>= filters of the model's plain fields, ?search=, ?ordering= (core.web.filters).
    "DEFAULT_FILTER_BACKENDS": [
        "fazhi.core.web.filters.FilterBackend",
        "fazhi.core.web.filters.SearchFilter",
        "fazhi.core.web.filters.OrderingFilter",
    ],
}
SPECTACULAR_SETTINGS = {
    "TITLE": "法治 fazhi API",
    "DESCRIPTION": "区县法治政府建设工作平台接口。所有读取按单位范围过滤，所有写入经由同一服务层。",
    "VERSION": "0.1.0",
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "SERVE_INCLUDE_SCHEMA": False,
    # Several records have a field named "kind" or "outcome" with choices of their own: name each set once.
    "ENUM_NAME_OVERRIDES": {
        "EnforcementPowerKindEnum": "fazhi.enforcement.models.EnforcementPower.Kind",
        "CertificateKindEnum": "fazhi.enforcement.models.Certificate.Kind",
        "CertificateCancelReasonEnum": "fazhi.enforcement.models.Certificate.CancelReason",
        "TrainingSessionKindEnum": "fazhi.enforcement.models.TrainingSession.Kind",
        "CaseClockKindEnum": "fazhi.disputes.models.CaseClock.Kind",
        "PartyKindEnum": "fazhi.disputes.models.ReconsiderationCase.ApplicantKind",
        "ReconsiderationOutcomeEnum": "fazhi.disputes.models.Outcome",
        "LawsuitOutcomeEnum": "fazhi.litigation.rules.lawsuits.OUTCOME_CHOICES",
        "LiaisonMeetingKindEnum": "fazhi.litigation.models.LiaisonMeeting.Kind",
        "InspectionKindEnum": "fazhi.oversight.models.inspections.Inspection.Kind",
        "TaskPlanKindEnum": "fazhi.oversight.models.task_plans.TaskPlan.Kind",
        "ActivityKindEnum": "fazhi.duties.models.ActivityKind",
        "FilingMaterialKindEnum": "fazhi.review.models.FilingMaterial.Kind",
        "LevelOpinionOutcomeEnum": "fazhi.review.models.LevelOpinion.Outcome",
        "ReviewLevelEnum": "fazhi.review.models.ReviewLevel",
        "ReviewOpinionEnum": "fazhi.review.models.Opinion",
        "FairConclusionEnum": "fazhi.review.models.FairCompetitionReview.Conclusion",
        "CommitteeGroundEnum": "fazhi.disputes.rules.outcomes.COMMITTEE_GROUND_CHOICES",
        "SuspensionGroundEnum": "fazhi.disputes.rules.grounds.GROUND_CHOICES",
        "RecommendationGroundEnum": "fazhi.litigation.rules.recommendations.GROUND_CHOICES",
    },
}

UNFOLD = {
    "SITE_TITLE": "法治政府建设工作平台",
    "SITE_HEADER": "法治 · 管理后台",
    "SITE_URL": "/",
    "SHOW_HISTORY": True,
    "SHOW_VIEW_ON_SITE": True,
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}


# The audit chain's HMAC keys, kept outside the database: FAZHI_AUDIT_KEYS="id:hexkey,id2:hexkey" (old keys stay
# listed so the events signed under them still verify) and FAZHI_AUDIT_KEY_ID, the key new events are signed with.
def _audit_keys(text: str) -> dict[str, bytes]:
    keys = {}
    for item in filter(None, (part.strip() for part in text.split(","))):
        key_id, _, hexkey = item.partition(":")
        try:
            key = bytes.fromhex(hexkey)
        except ValueError as exc:
            raise ImproperlyConfigured(f"FAZHI_AUDIT_KEYS 中密钥“{key_id}”不是十六进制。") from exc
        if len(key) < 32 or not key_id.strip():
            raise ImproperlyConfigured(
                f"FAZHI_AUDIT_KEYS 中密钥“{key_id}”须有编号且至少32字节（64位十六进制）。"
            )
        keys[key_id.strip()] = key
    return keys


FAZHI_AUDIT_KEYS = _audit_keys(os.environ.get("FAZHI_AUDIT_KEYS", ""))
FAZHI_AUDIT_KEY_ID = os.environ.get("FAZHI_AUDIT_KEY_ID", "")
if not FAZHI_AUDIT_KEYS:
    if not DEV_MODE:
        raise ImproperlyConfigured("生产模式必须设置审计密钥 FAZHI_AUDIT_KEYS 与 FAZHI_AUDIT_KEY_ID。")
    FAZHI_AUDIT_KEYS = {"dev": b"fazhi-development-only-audit-key-not-for-production"}
    FAZHI_AUDIT_KEY_ID = FAZHI_AUDIT_KEY_ID or "dev"
if FAZHI_AUDIT_KEY_ID not in FAZHI_AUDIT_KEYS:
    raise ImproperlyConfigured("FAZHI_AUDIT_KEY_ID 须是 FAZHI_AUDIT_KEYS 中的一个编号。")


# Personal data encrypted at rest (core.crypto, docs/security.md): FAZHI_DATA_KEYS="id:base64,id2:base64" (32-byte
# keys; an old key stays listed until `fazhi datakey rotate` has re-encrypted everything under FAZHI_DATA_KEY_ID),
# FAZHI_DATA_INDEX_KEY (base64, at least 32 bytes: the blind index by which ID numbers are found) and
# FAZHI_DATA_CIPHER ("aes-256-gcm", or "sm4-gcm" where the national algorithm is required). Without keys in
# production the system check fazhi.E010 refuses to start; FAZHI_DEV=1 alone gets fixed development keys.
def _data_keys(text: str) -> dict[str, bytes]:
    keys = {}
    for item in filter(None, (part.strip() for part in text.split(","))):
        key_id, _, encoded = item.partition(":")
        try:
            keys[key_id.strip()] = base64.b64decode(encoded, validate=True)
        except ValueError as exc:
            raise ImproperlyConfigured(f"FAZHI_DATA_KEYS 中密钥“{key_id}”不是 base64。") from exc
    return keys


FAZHI_DATA_KEYS = _data_keys(os.environ.get("FAZHI_DATA_KEYS", ""))
FAZHI_DATA_KEY_ID = os.environ.get("FAZHI_DATA_KEY_ID", "") or (
    next(iter(FAZHI_DATA_KEYS)) if len(FAZHI_DATA_KEYS) == 1 else ""
)
try:
    FAZHI_DATA_INDEX_KEY = base64.b64decode(os.environ.get("FAZHI_DATA_INDEX_KEY", ""), validate=True)
except ValueError as exc:
    raise ImproperlyConfigured("FAZHI_DATA_INDEX_KEY 不是 base64。") from exc
FAZHI_DATA_CIPHER = os.environ.get("FAZHI_DATA_CIPHER", "aes-256-gcm").strip().lower()
if env_flag("FAZHI_DEV"):
    if not FAZHI_DATA_KEYS:
        FAZHI_DATA_KEYS = {"dev": b"fazhi-development-only-data-key!"}
        FAZHI_DATA_KEY_ID = FAZHI_DATA_KEY_ID or "dev"
    FAZHI_DATA_INDEX_KEY = FAZHI_DATA_INDEX_KEY or b"fazhi-development-only-blind-index-key"
# Signed checkpoints of the chain head, written outside the database (`fazhi audit checkpoint`, and daily).
FAZHI_AUDIT_CHECKPOINT_FILE = os.environ.get(
    "FAZHI_AUDIT_CHECKPOINT_FILE", str(VAR_DIR / "audit-checkpoints.jsonl")
)
# Addresses of the reverse proxies whose X-Forwarded-For is believed (nothing else's is): e.g. "127.0.0.1".
FAZHI_TRUSTED_PROXIES = [
    p.strip() for p in os.environ.get("FAZHI_TRUSTED_PROXIES", "").split(",") if p.strip()
]

# The deployment's own region for the statutory calendar's regional layer (e.g. "宁夏").
FAZHI_REGION = os.environ.get("FAZHI_REGION", "")
