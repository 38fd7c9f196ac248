"""Jupyter: report notebooks saved without outputs, the working folder of relative paths, text parameters in a
notebook, the kernel command; and a real Jupyter server with the project's configuration."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from queue import Empty

import nbformat
import pytest
from conftest import PROJECT, untimed

from vsv_analysis.cli import main
from vsv_analysis.jupyter import kernel, lab
from vsv_analysis.jupyter.parameters import ParameterError, check_parameters
from vsv_analysis.report.context import build_report


def _executed_notebook(report: bool) -> dict:
    nb = nbformat.v4.new_notebook()
    cell = nbformat.v4.new_code_cell("print('hallo')")
    cell.outputs = [nbformat.v4.new_output("stream", name="stdout", text="hallo\n")]
    cell.execution_count = 4
    cell.metadata["execution"] = {"iopub.execute_input": "2026-01-05T06:30:00Z"}
    nb.cells = [nbformat.v4.new_markdown_cell("# Titel"), cell]
    nb.metadata["language_info"] = {"name": "python", "version": "3.11.7", "mimetype": "text/x-python"}
    if report:
        nb.metadata["vsv"] = {"title": "Titel", "description": "Omschrijving"}
    return json.loads(nbformat.writes(nb))


def test_a_report_notebook_is_saved_without_outputs():
    model = {"type": "notebook", "content": _executed_notebook(report=True)}
    lab.strip_outputs(model=model, path="notebooks/00_samenvatting.ipynb", contents_manager=None)
    code = model["content"]["cells"][1]
    assert code["outputs"] == [] and code["execution_count"] is None and code["metadata"] == {}
    assert model["content"]["metadata"]["language_info"] == {"name": "python"}
    assert model["content"]["metadata"]["vsv"]["title"] == "Titel"


def test_other_notebooks_and_files_are_saved_as_they_are():
    content = _executed_notebook(report=False)
    model = {"type": "notebook", "content": json.loads(json.dumps(content))}
    lab.strip_outputs(model=model, path="eigen.ipynb", contents_manager=None)
    assert model["content"] == content
    text = {"type": "file", "format": "text", "content": "year: 2021"}
    lab.strip_outputs(model=text, path="p.yaml", contents_manager=None)
    assert text["content"] == "year: 2021"


def test_the_project_configuration_sets_the_hook():
    config = json.loads((PROJECT / "jupyter" / "jupyter_server_config.json").read_text(encoding="utf-8"))
    assert config == {"ContentsManager": {"pre_save_hook": "vsv_analysis.jupyter.strip_outputs"}}


def test_working_folder_is_the_folder_the_jupyter_server_serves(tmp_path, monkeypatch):
    root, runtime = tmp_path / "project", tmp_path / "runtime"
    (root / "notebooks").mkdir(parents=True)
    runtime.mkdir()
    (runtime / "jpserver-4242.json").write_text(json.dumps({"root_dir": str(root), "pid": 4242}), encoding="utf-8")
    monkeypatch.setenv("JUPYTER_RUNTIME_DIR", str(runtime))
    monkeypatch.chdir(root / "notebooks")  # where a Jupyter server starts the kernel of notebooks/x.ipynb
    monkeypatch.setenv("JPY_PARENT_PID", "4242")
    assert lab.working_folder() == root
    monkeypatch.setenv("JPY_PARENT_PID", "4243")  # started by papermill, a render or a console: no server file
    assert lab.working_folder() == root / "notebooks"
    monkeypatch.delenv("JPY_PARENT_PID")
    assert lab.working_folder() == root / "notebooks"


def test_relative_paths_are_made_absolute_before_any_kernel_starts(data_copy, monkeypatch):
    monkeypatch.chdir(data_copy.parent)
    assert check_parameters({"data_dir": "data"}) == {"data_dir": str(data_copy)}
    (data_copy / "elders").mkdir()
    elders = check_parameters({"data_dir": "../elders"}, base=data_copy / "sub")
    assert elders == {"data_dir": str(data_copy / "elders")}
    with pytest.raises(ParameterError) as error:
        check_parameters({"data_dir": "mijn_data"})
    assert str(error.value) == (f"parameter 'data_dir': folder 'mijn_data' does not exist "
                                f"(looked for {data_copy.parent / 'mijn_data'})")
    with pytest.raises(ParameterError) as error:
        check_parameters({"boundaries_file": str(data_copy / "grenzen.geojson")})
    assert str(error.value) == f"parameter 'boundaries_file': file '{data_copy / 'grenzen.geojson'}' does not exist"


def test_a_notebook_reads_list_and_dict_parameters_given_as_text():
    report = build_report(2026, roles="[partner]", role_weights='{"observer": 0}', expand_regions="false")
    assert report.parameters == {"year": 2026, "roles": ["partner"], "role_weights": {"observer": 0},
                                 "expand_regions": False, "data_dir": "", "as_of": ""}
    assert report.graph.number_of_edges() == 5  # the partner mentions only; all roles give 20


@pytest.mark.parametrize("values", [{"roles": "partner"}, {"roles": "[partnr]"}, {"role_weights": "[1, 2]"},
                                    {"expand_regions": "ja graag"}, {"data_dir": "nergens"}, {"as_of": "gisteren"}])
def test_a_notebook_refuses_what_render_refuses_with_the_same_message(values):
    with pytest.raises(ParameterError) as render_says:
        check_parameters(values)
    with pytest.raises(ParameterError) as notebook_says:
        build_report(**{"year": 2026, **values})
    assert str(notebook_says.value) == str(render_says.value)


def test_a_relative_data_dir_in_lab_is_read_from_the_folder_lab_serves(data_copy, tmp_path, monkeypatch):
    runtime = tmp_path / "runtime"
    runtime.mkdir()
    (runtime / "jpserver-4242.json").write_text(json.dumps({"root_dir": str(data_copy.parent)}), encoding="utf-8")
    (data_copy.parent / "notebooks").mkdir()
    monkeypatch.setenv("JUPYTER_RUNTIME_DIR", str(runtime))
    monkeypatch.setenv("JPY_PARENT_PID", "4242")
    monkeypatch.chdir(data_copy.parent / "notebooks")
    assert build_report(2026, data_dir="data").parameters["data_dir"] == str(data_copy)


def test_kernel_install_into_a_folder_that_cannot_be_written(monkeypatch, capsys):
    def refuse(user):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(kernel, "install_kernel", refuse)
    assert main(["kernel", "install"]) == 2
    assert untimed(capsys.readouterr().err) == (f"vsv-analysis: cannot install the kernel into this environment "
                                       f"({sys.prefix}): Permission denied; pass --user to install it for your own "
                                       f"Jupyter instead\n")


READY_SECONDS = 600
"""How long the server and its kernel may take to become ready: a bound for a machine under load, not a measure."""


def _wait(condition, what: str, seconds: float = READY_SECONDS) -> None:
    """Poll ``condition`` until it holds (readiness, not a fixed time); fail naming ``what`` after ``seconds``."""
    end = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > end:
            pytest.fail(f"gave up waiting for {what} after {seconds} s")
        time.sleep(0.1)


def _kernel_answers(client, base: str, kernel_id: str) -> bool:
    """Ask the kernel for its info once: whether it replied, and its status reached us on iopub (so that output
    is not missed). A kernel the server reports dead fails the test."""
    if _call(base, "GET", f"/api/kernels/{kernel_id}").get("execution_state") == "dead":
        pytest.fail(f"the kernel {kernel_id} died while starting")
    client.kernel_info()
    try:
        reply = client.get_shell_msg(timeout=1)
        client.get_iopub_msg(timeout=1)
    except Empty:
        return False
    return reply["msg_type"] == "kernel_info_reply"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _call(base: str, method: str, path: str, body: dict | None = None) -> dict:
    request = urllib.request.Request(f"{base}{path}", method=method, data=json.dumps(body).encode() if body else None,
                                     headers={"Authorization": "token vsv-test", "Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=30) as answer:
        text = answer.read()
    return json.loads(text) if text else {}


@pytest.fixture
def server(tmp_path):
    """A Jupyter server with the project's configuration (as make lab starts it), serving a temporary folder."""
    root, runtime = tmp_path / "served", tmp_path / "runtime"
    (root / "notebooks").mkdir(parents=True)
    port = _free_port()
    env = {**os.environ, "JUPYTER_CONFIG_PATH": str(PROJECT / "jupyter"), "JUPYTER_RUNTIME_DIR": str(runtime),
           "JUPYTER_CONFIG_DIR": str(tmp_path / "config")}
    env.pop("JUPYTER_PATH", None)
    process = subprocess.Popen(
        [sys.executable, "-m", "jupyter_server", f"--ServerApp.root_dir={root}", f"--ServerApp.port={port}",
         "--ServerApp.port_retries=0", "--ServerApp.ip=127.0.0.1", "--ServerApp.open_browser=False",
         "--IdentityProvider.token=vsv-test", "--ServerApp.allow_root=True"],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True)
    base = f"http://127.0.0.1:{port}"
    try:
        def answers() -> bool:
            if process.poll() is not None:
                pytest.fail(f"the Jupyter server stopped: {process.stderr.read().decode()[-2000:]}")
            try:
                _call(base, "GET", "/api/status")
                return True
            except OSError:
                return False

        _wait(answers, "the Jupyter server to answer")
        yield {"base": base, "root": root, "runtime": runtime}
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def test_a_jupyter_server_with_the_project_configuration(server):
    """Saving strips a report notebook; a kernel it starts for notebooks/x.ipynb reads paths from the top folder."""
    base, root = server["base"], server["root"]
    _call(base, "PUT", "/api/contents/notebooks/rapport.ipynb",
          {"type": "notebook", "format": "json", "content": _executed_notebook(report=True)})
    _call(base, "PUT", "/api/contents/notebooks/eigen.ipynb",
          {"type": "notebook", "format": "json", "content": _executed_notebook(report=False)})
    saved = json.loads((root / "notebooks" / "rapport.ipynb").read_text(encoding="utf-8"))
    assert saved["cells"][1]["outputs"] == [] and saved["cells"][1]["execution_count"] is None
    own = json.loads((root / "notebooks" / "eigen.ipynb").read_text(encoding="utf-8"))
    assert "".join(own["cells"][1]["outputs"][0]["text"]) == "hallo\n" and own["cells"][1]["execution_count"] == 4

    from jupyter_client import BlockingKernelClient

    session = _call(base, "POST", "/api/sessions", {"path": "notebooks/rapport.ipynb", "name": "rapport.ipynb",
                                                    "type": "notebook", "kernel": {"name": "python3"}})
    kernel_id = session["kernel"]["id"]
    client = BlockingKernelClient(connection_file=str(server["runtime"] / f"kernel-{kernel_id}.json"))
    client.load_connection_file()
    # No heartbeat channel, and not wait_for_ready: on a loaded machine a late heartbeat reads as a dead kernel
    # ("Kernel died before replying to kernel_info"). Readiness is the kernel's own reply to kernel_info; whether
    # it died is the server's word.
    client.start_channels(hb=False)
    try:
        _wait(lambda: _kernel_answers(client, base, kernel_id), "the kernel to reply to kernel_info")
        while True:  # what came before on iopub, so that the output below is this cell's
            try:
                client.get_iopub_msg(timeout=0.2)
            except Empty:
                break
        printed = []
        client.execute_interactive("import os\nfrom vsv_analysis.jupyter.lab import working_folder\n"
                                   "print(os.getcwd(), working_folder(), sep='|')", timeout=READY_SECONDS,
                                   output_hook=lambda msg: printed.append(msg["content"].get("text", "")))
    finally:
        client.stop_channels()
        _call(base, "DELETE", f"/api/sessions/{session['id']}")
    assert "".join(printed).strip() == f"{root / 'notebooks'}|{root}"
