"""The scheduling examples in docs/scheduling/ work: cron under bash and dash, systemd units, the CI workflow."""

import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml
from conftest import PROJECT

SCHEDULING = PROJECT / "docs" / "scheduling"
STUB = """#!/bin/sh
# Stands in for vsv-analysis: records its arguments, and as every command does writes a timed status line to
# standard error and its result to standard output; then exits with the code the test chose for the command.
echo "$(date -Is) status of $1" >&2
echo "stub $*"
case "$1" in
  render) exit "${RENDER_EXIT:-0}" ;;
  maps) exit "${MAPS_EXIT:-0}" ;;
esac
"""


def cron_command() -> str:
    lines = [line for line in (SCHEDULING / "crontab.txt").read_text(encoding="utf-8").splitlines()
             if line.strip() and not line.lstrip().startswith("#")]
    assert len(lines) == 1
    return lines[0].split(maxsplit=5)[5]


def test_cron_command_has_no_percent_sign():
    assert "%" not in cron_command()  # cron would cut the command there


@pytest.mark.parametrize("shell", ["bash", "dash"])
@pytest.mark.parametrize("render_exit, maps_exit, logged", [(0, 0, 0), (1, 0, 1), (2, 0, 2), (0, 1, 1)])
def test_cron_line_logs_the_true_exit_code(shell, render_exit, maps_exit, logged, tmp_path):
    if shutil.which(shell) is None:
        pytest.skip(f"{shell} is not installed")
    stub = tmp_path / "vsv-analysis" / ".venv" / "bin" / "vsv-analysis"
    stub.parent.mkdir(parents=True)
    stub.write_text(STUB, encoding="utf-8")
    stub.chmod(0o755)
    environment = {"HOME": str(tmp_path), "PATH": "/usr/bin:/bin", "RENDER_EXIT": str(render_exit),
                   "MAPS_EXIT": str(maps_exit)}
    done = subprocess.run([shell, "-c", cron_command()], env=environment, capture_output=True, text=True,
                          timeout=30)
    log = (tmp_path / ".local" / "state" / "vsv-analysis" / "render.log").read_text(encoding="utf-8").splitlines()
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d status of render", log[0])  # standard error
    assert log[1] == f"stub render --output-dir {tmp_path}/vsv-reports"  # standard output
    assert (f"stub maps --output-dir {tmp_path}/vsv-reports/latest" in log) == (render_exit == 0)
    assert any(line.endswith(" status of maps") for line in log) == (render_exit == 0)
    assert re.fullmatch(rf"\d{{4}}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d vsv-analysis finished with exit code "
                        rf"{logged}", log[-1])
    assert done.stderr == ""


def test_systemd_units_verify(tmp_path):
    if shutil.which("systemd-analyze") is None:
        pytest.skip("systemd-analyze is not installed")
    executable = PROJECT / ".venv" / "bin" / "vsv-analysis"
    if not executable.exists():
        pytest.skip("no .venv/bin/vsv-analysis to stand in for the installed command")
    # verify checks that ExecStart exists: point the example at this checkout and a scratch reports folder.
    service = (SCHEDULING / "vsv-analysis-render.service").read_text(encoding="utf-8")
    (tmp_path / "vsv-analysis-render.service").write_text(
        service.replace("/srv/vsv-analysis", str(PROJECT)).replace("/srv/vsv-reports", str(tmp_path / "reports")),
        encoding="utf-8")
    shutil.copy(SCHEDULING / "vsv-analysis-render.timer", tmp_path)
    done = subprocess.run(["systemd-analyze", "verify", "vsv-analysis-render.service", "vsv-analysis-render.timer"],
                          cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert "Unknown" not in done.stderr and "ignoring" not in done.stderr, done.stderr
    security = subprocess.run(["systemd-analyze", "security", "--offline=true", "vsv-analysis-render.service"],
                              cwd=tmp_path, capture_output=True, text=True, timeout=120)
    exposure = re.search(r"Overall exposure level for \S+: (\d+\.\d+)", security.stdout + security.stderr)
    if exposure is None:
        pytest.skip("this systemd-analyze cannot rate a unit file offline")
    assert float(exposure.group(1)) < 2.0  # "OK"; the old unit that ran as root rated 9.6 UNSAFE


def test_systemd_service_runs_as_a_user_with_hardening():
    text = (SCHEDULING / "vsv-analysis-render.service").read_text(encoding="utf-8")
    settings = dict(re.findall(r"^(\w+)=(.*)$", text, flags=re.MULTILINE))
    assert settings["User"] == "vsv" and settings["ProtectSystem"] == "strict"
    assert settings["ReadWritePaths"] == "/srv/vsv-reports"
    assert settings["NoNewPrivileges"] == settings["PrivateTmp"] == "yes"
    assert settings["TimeoutStartSec"] == "45min"
    assert "network-online" not in text and "Wants=" not in text
    assert "vsv-analysis maps --output-dir /srv/vsv-reports/latest" in settings["ExecStartPost"]


def test_ci_workflow_uses_current_actions_least_permissions_and_no_dev_extras():
    workflow = yaml.safe_load((SCHEDULING / "render-reports.yml").read_text(encoding="utf-8"))
    assert workflow["permissions"] == {"contents": "read"}
    steps = workflow["jobs"]["render"]["steps"]
    used = {step["uses"].split("@")[0]: int(step["uses"].split("@v")[1]) for step in steps if "uses" in step}
    # The first majors that run on Node 24 (Node 20 is removed from the runners).
    assert used["actions/checkout"] >= 5 and used["actions/setup-python"] >= 6
    assert used["actions/upload-artifact"] >= 6
    runs = "\n".join(step.get("run", "") for step in steps)
    assert "[dev]" not in runs and "pip install -e ." in runs
    assert "vsv-analysis maps --output-dir reports/latest" in runs
    assert next(step for step in steps if "upload-artifact" in step.get("uses", ""))["if"] == "always()"


def test_readme_names_the_scheduling_files():
    readme = (PROJECT / "README.md").read_text(encoding="utf-8")
    for name in ("crontab.txt", "vsv-analysis-render.service", "render-reports.yml"):
        assert name in readme
    assert Path(SCHEDULING / "vsv-analysis-render.timer").exists()
