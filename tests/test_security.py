"""Security headers, the Content-Security-Policy (strict on the public site, loosened for the
Wagtail admin only) and the production settings' refusal of unsafe configurations."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def csp(response):
    policy = {}
    for directive in response["Content-Security-Policy"].split(";"):
        name, *values = directive.split()
        policy[name] = values
    return policy


def test_public_pages_allow_nothing_from_other_hosts(client, site_tree):
    policy = csp(client.get("/"))
    assert policy["default-src"] == ["'self'"]
    assert policy["script-src"] == ["'self'"]
    assert policy["style-src"] == ["'self'"]
    assert policy["object-src"] == ["'none'"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert policy["form-action"] == ["'self'"]
    for values in policy.values():
        assert not [v for v in values if v not in ("'self'", "'none'", "data:")], values


def test_error_pages_carry_the_same_policy(client, site_tree):
    policy = csp(client.get("/nulle-part/"))
    assert policy["script-src"] == ["'self'"]


def test_admin_keeps_working_with_its_own_looser_policy(client, site_tree):
    response = client.get("/admin/login/")
    assert response.status_code == 200
    policy = csp(response)
    assert "'unsafe-inline'" in policy["script-src"]
    assert policy["frame-ancestors"] == ["'self'"]  # the page preview panel
    assert "https:" not in response["Content-Security-Policy"]


def test_security_headers_on_public_pages(client, site_tree):
    response = client.get("/")
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert "geolocation=()" in response["Permissions-Policy"]
    assert "camera=()" in response["Permissions-Policy"]


def test_html_is_compressed_for_slow_connections(client, site_tree):
    response = client.get("/", HTTP_ACCEPT_ENCODING="gzip")
    assert response["Content-Encoding"] == "gzip"


def manage(*args, **environ):
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("DJANGO_", "SECRET_KEY", "ALLOWED_HOSTS"))
    }
    env.update(DJANGO_SETTINGS_MODULE="cdp_portal.settings.production", **environ)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_settings_pass_check_deploy_without_warnings():
    result = manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="portail.example.org",
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_flags_a_weak_secret_key():
    result = manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        SECRET_KEY="x",
        ALLOWED_HOSTS="portail.example.org",
    )
    assert result.returncode != 0
    assert "security.W009" in result.stderr + result.stdout


def test_production_refuses_to_start_without_secret_key():
    result = manage("check", SECRET_KEY="", ALLOWED_HOSTS="portail.example.org")
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_production_refuses_to_start_without_allowed_hosts():
    result = manage("check", SECRET_KEY=secrets.token_urlsafe(50))
    assert result.returncode != 0
    assert "ALLOWED_HOSTS" in result.stderr
