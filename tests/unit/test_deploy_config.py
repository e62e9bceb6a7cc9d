"""Deployment files: one cookie secret for all replicas, probes on /_stcore/health, XSRF and CORS on.

Docker does not run here, so the files are checked as what they are: the Dockerfile line by
line, compose.yaml and the rendered Kubernetes manifests as YAML (``kubectl kustomize`` when
kubectl is installed, else the files the kustomization lists), haproxy.cfg by HAProxy's own
checker when HAProxy is installed.
"""

from __future__ import annotations

import shutil
import subprocess
import tomllib
from pathlib import Path
from typing import Any

import pytest
import yaml

from deploy.cluster import affinity_cookie, render_config
from deploy.serve import ALLOCATOR_ENV

ROOT = Path(__file__).resolve().parents[2]
DEPLOY = ROOT / "deploy"
HEALTH = "/_stcore/health"
SECRET_ENV = "STREAMLIT_SERVER_COOKIE_SECRET"


def k8s_objects() -> list[dict[str, Any]]:
    """The manifests ``kubectl apply -k deploy/k8s`` would send."""
    kubectl = shutil.which("kubectl")
    if kubectl:
        rendered = subprocess.run(
            [kubectl, "kustomize", str(DEPLOY / "k8s")], capture_output=True, text=True, check=True, timeout=60
        ).stdout
        return [doc for doc in yaml.safe_load_all(rendered) if doc]
    kustomization = yaml.safe_load((DEPLOY / "k8s" / "kustomization.yaml").read_text())
    docs = []
    for name in kustomization["resources"]:
        docs += [doc for doc in yaml.safe_load_all((DEPLOY / "k8s" / name).read_text()) if doc]
    return docs


def by_kind(kind: str) -> dict[str, Any]:
    found = [doc for doc in k8s_objects() if doc["kind"] == kind]
    assert len(found) == 1, f"{kind}: {len(found)}"
    return found[0]


def test_streamlit_config_keeps_xsrf_and_cors_protection_on() -> None:
    server = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text())["server"]
    assert server["enableXsrfProtection"] is True
    assert server["enableCORS"] is True
    # Nothing in the deployment turns them off either.
    for path in [*DEPLOY.rglob("*.yaml"), DEPLOY / "Dockerfile", DEPLOY / "haproxy.cfg", DEPLOY / "cluster.py"]:
        text = path.read_text().lower()
        for switch in ("enablexsrfprotection", "enablecors", "enable_xsrf_protection", "enable_cors"):
            assert switch not in text, f"{path.name} changes {switch}"


def test_dockerfile_is_slim_pinned_non_root_with_data_and_a_healthcheck() -> None:
    lines = [line.strip() for line in (DEPLOY / "Dockerfile").read_text().splitlines()]
    instructions = [line for line in lines if line and not line.startswith("#")]
    assert instructions[0].startswith("FROM python:3.11-slim")
    users = [line.split()[1] for line in instructions if line.startswith("USER ")]
    assert users and users[-1].split(":")[0] not in ("root", "0")
    assert any(line.startswith("COPY data/ data/") for line in instructions)
    assert any("pip install --no-cache-dir -r requirements.txt" in line for line in instructions)
    healthcheck = next(i for i, line in enumerate(instructions) if line.startswith("HEALTHCHECK"))
    assert HEALTH in instructions[healthcheck + 1]
    assert instructions[-1].startswith("CMD") and "deploy.serve" in instructions[-1]  # runs dashboard.py
    assert any(line.startswith("COPY deploy/__init__.py deploy/serve.py deploy/") for line in instructions)
    # The image's allocator settings are the ones deploy.serve sets (it would not re-execute otherwise).
    joined = " ".join(instructions).replace("\\ ", "")
    image_env = dict(
        word.split("=", 1)
        for block in joined.split(" ENV ")[1:]
        for word in block.split()
        if "=" in word and word.split("=", 1)[0].isupper()
    )
    assert {name: image_env.get(name) for name in ALLOCATOR_ENV} == ALLOCATOR_ENV
    # Pinned: every requirement the image installs has an exact version.
    requirements = [r for r in (ROOT / "requirements.txt").read_text().splitlines() if r and not r.startswith("#")]
    assert requirements and all("==" in r for r in requirements)
    # Nothing the app needs at run time is left out of the build context.
    ignored = {line.strip() for line in (ROOT / ".dockerignore").read_text().splitlines()}
    assert not ignored & {"data", "tracker", "components", "app_pages", "assets", ".streamlit", "requirements.txt"}


def test_haproxy_pins_by_cookie_checks_health_and_redispatches() -> None:
    text = (DEPLOY / "haproxy.cfg").read_text()
    lines = [line.split("#")[0].strip() for line in text.splitlines()]
    assert affinity_cookie(text) == "TRACKER_REPLICA"
    assert any(line.startswith("cookie TRACKER_REPLICA insert") for line in lines)
    assert f"option httpchk GET {HEALTH}" in lines
    assert "option redispatch" in lines
    tunnel = next(line for line in lines if line.startswith("timeout tunnel"))
    assert tunnel.endswith("h") and int(tunnel.split()[-1][:-1]) >= 1  # a WebSocket lives for hours
    servers = [line for line in lines if line.startswith("server ")]
    assert [s.split()[1] for s in servers] == ["app1", "app2", "app3"]
    assert all(f"cookie {s.split()[1]}" in s for s in servers)
    assert any(line.startswith("default-server") and "check" in line.split() for line in lines)


@pytest.mark.skipif(shutil.which("haproxy") is None and not Path("/usr/sbin/haproxy").exists(), reason="no haproxy")
def test_haproxy_accepts_the_config_and_the_local_cluster_version(tmp_path: Path) -> None:
    haproxy = shutil.which("haproxy") or "/usr/sbin/haproxy"
    text = (DEPLOY / "haproxy.cfg").read_text()
    local = tmp_path / "local.cfg"
    local.write_text(render_config(text, 18080, [("app1", 18501), ("app2", 18502)]))
    for config in (DEPLOY / "haproxy.cfg", local):
        checked = subprocess.run([haproxy, "-c", "-f", str(config)], capture_output=True, text=True, timeout=30)
        assert checked.returncode == 0, checked.stderr
    rendered = local.read_text()
    assert "bind 127.0.0.1:18080" in rendered
    assert "server app1 127.0.0.1:18501 cookie app1" in rendered
    assert "server app3" not in rendered and "option redispatch" in rendered


def test_compose_runs_the_proxy_and_three_replicas_with_one_cookie_secret() -> None:
    compose = yaml.safe_load((DEPLOY / "compose.yaml").read_text())
    services = compose["services"]
    replicas = {name: s for name, s in services.items() if name != "proxy"}
    assert sorted(replicas) == ["app1", "app2", "app3"]
    secrets = {s["environment"][SECRET_ENV] for s in replicas.values()}
    assert len(secrets) == 1 and next(iter(secrets)).startswith("${TRACKER_COOKIE_SECRET:?")
    for service in replicas.values():
        assert service["build"]["dockerfile"] == "deploy/Dockerfile"
        assert any(HEALTH in part for part in service["healthcheck"]["test"])
    proxy = services["proxy"]
    assert proxy["image"].startswith("haproxy:")
    assert "./haproxy.cfg:/usr/local/etc/haproxy/haproxy.cfg:ro" in proxy["volumes"]
    assert set(proxy["depends_on"]) == set(replicas)


def test_kubernetes_objects_are_all_there_and_select_the_same_pods() -> None:
    kinds = sorted(doc["kind"] for doc in k8s_objects())
    assert kinds == sorted(
        ["Deployment", "Service", "Ingress", "PodDisruptionBudget", "HorizontalPodAutoscaler", "Secret"]
    )
    deployment = by_kind("Deployment")
    pod_labels = deployment["spec"]["template"]["metadata"]["labels"]
    for selector in (by_kind("Service")["spec"]["selector"], by_kind("PodDisruptionBudget")["spec"]["selector"]):
        wanted = selector.get("matchLabels", selector)
        assert wanted.items() <= pod_labels.items()
    assert deployment["spec"]["selector"]["matchLabels"].items() <= pod_labels.items()
    target = by_kind("HorizontalPodAutoscaler")["spec"]["scaleTargetRef"]
    assert (target["kind"], target["name"]) == ("Deployment", deployment["metadata"]["name"])
    backend = by_kind("Ingress")["spec"]["rules"][0]["http"]["paths"][0]["backend"]["service"]
    assert backend["name"] == by_kind("Service")["metadata"]["name"]


def test_kubernetes_probes_ask_the_health_endpoint_and_pods_run_as_non_root() -> None:
    spec = by_kind("Deployment")["spec"]["template"]["spec"]
    assert spec["securityContext"]["runAsNonRoot"] is True
    (container,) = spec["containers"]
    for probe in ("readinessProbe", "livenessProbe", "startupProbe"):
        assert container[probe]["httpGet"]["path"] == HEALTH, probe


def test_every_pod_gets_the_one_cookie_secret_from_the_secret() -> None:
    secret = by_kind("Secret")
    (container,) = by_kind("Deployment")["spec"]["template"]["spec"]["containers"]
    env = {e["name"]: e for e in container["env"]}
    ref = env[SECRET_ENV]["valueFrom"]["secretKeyRef"]
    assert ref["name"] == secret["metadata"]["name"]
    assert ref["key"] in secret["stringData"]
    # One Deployment: every replica is a copy of this pod template, so all share that secret.
    assert "value" not in env[SECRET_ENV]


def test_ingress_pins_sessions_by_cookie_and_keeps_websockets_open() -> None:
    annotations = by_kind("Ingress")["metadata"]["annotations"]
    prefix = "nginx.ingress.kubernetes.io/"
    assert annotations[prefix + "affinity"] == "cookie"
    assert annotations[prefix + "session-cookie-name"] == "TRACKER_REPLICA"
    assert annotations[prefix + "session-cookie-change-on-failure"] == "true"
    assert int(annotations[prefix + "proxy-read-timeout"]) >= 3600
    assert int(annotations[prefix + "proxy-send-timeout"]) >= 3600
