"""The notebooks and the explorer page as a reader sees them: JupyterLab and Voilà in headless
Chromium.

Each numbered notebook is opened in a live JupyterLab, run with Run > Run All Cells, and checked
in the rendered page once its kernel is idle: every code cell ran, no output is a traceback, at
least as many images rendered as the figures its ``goftar`` metadata declares, every table cell
holding Persian is laid out right to left (its computed ``direction``), and an explorer's text
box answers a typed keyword with rows that contain it. ``make explore``'s page is served by
Voilà and checked the same way.

The servers see copies of ``notebooks/`` in a temporary folder (each parameters cell's
``output_dir`` pointed into it), so nothing in the project changes on disk, and a test checks
that. Screenshots (the whole page of each notebook after its run, and the explorers) go to the
test's temporary folder and, when ``GOFTAR_SCREENSHOTS`` names a folder, there too, beside
``browser_report.json`` (what each page showed).

Needs Debian's chromium and chromium-driver (``.ci/run`` installs them) and selenium: skipped
where they are absent, failed where ``CI`` is set.
"""

import hashlib
import json
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import nbformat
import pytest

from helpers.explore import CORPUS_VARIABLE
from helpers.paths import CORPUS_DIR, NOTEBOOKS_DIR, PROJECT_ROOT
from helpers.study import sequence

pytestmark = pytest.mark.browser

CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
# Headless as root in a container, with nothing fetched from outside (no updates, no sync).
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync",
                  "--window-size=1280,900"]
NOTEBOOKS = sequence()
APP = NOTEBOOKS_DIR / "explore.ipynb"
KEYWORD = "امنیت"  # "security": in most seed articles, in quotes and in the reporter's narrative
EXPLORERS_WITH_A_TEXT_BOX = ("kwic_explorer(", "quote_explorer(")
SERVER_START_SECONDS = 90
RUN_ALL_SECONDS = 300
ANSWER_SECONDS = 60
TALLEST_SCREENSHOT = 16000  # pixels: about the tallest image Chromium captures in one piece

# ---------------------------------------------------------------- what the page shows (JavaScript)

# The page's height with its scrolling panel unrolled, every panel scrolled back to the top:
# JupyterLab and Voilà scroll inside a panel, so the document is never taller than the window.
FULL_HEIGHT_JS = """
let extra = 0;
for (const element of document.querySelectorAll('*')) {
  const overflow = getComputedStyle(element).overflowY;
  if ((overflow === 'auto' || overflow === 'scroll') && element.clientHeight > 0) {
    element.scrollTop = 0;
    extra = Math.max(extra, element.scrollHeight - element.clientHeight);
  }
}
return document.documentElement.clientHeight + extra;
"""

# Everything checked in a rendered page, read at once. arguments[0]: a CSS selector for outputs.
PAGE_JS = r"""
const outputs = [...document.querySelectorAll(arguments[0])];
const inside = (selector) => outputs.flatMap((output) => [...output.querySelectorAll(selector)]);
const images = inside('img').filter((img) => img.complete && img.naturalWidth > 0).length
             + inside('.jp-RenderedSVG svg').length;
// A Persian cell: more Arabic-script letters than Latin ones (an English question quoting a
// Persian word is an English cell, laid out left to right).
const count = (text, letters) => (text.match(letters) || []).length;
const cells = inside('td, th').filter(
  (cell) => count(cell.textContent, /[\u0600-\u06FF]/g) > count(cell.textContent, /[A-Za-z]/g));
const tracebacks = outputs
  .filter((output) => output.getAttribute('data-mime-type') === 'application/vnd.jupyter.stderr')
  .map((output) => output.textContent)
  .filter((text) => /Traceback \(most recent call last\)|^-{20,}\s*\n?\s*\w*(Error|Exception)/m.test(text))
  .map((text) => text.slice(0, 600));
const prompts = [...document.querySelectorAll('.jp-CodeCell .jp-InputPrompt')].map((p) => p.textContent.trim());
return {images: images, persian_cells: cells.length,
        rtl_cells: cells.filter((cell) => getComputedStyle(cell).direction === 'rtl').length,
        tracebacks: tracebacks, prompts: prompts};
"""

# The rows of the result table of the explorer that holds text box arguments[0].
EXPLORER_ROWS_JS = """
const explorer = arguments[0].closest('.widget-vbox');
const table = explorer && explorer.querySelector('.widget-html table');
return table ? [...table.querySelectorAll('tbody tr')].map((row) => row.textContent) : [];
"""


# ---------------------------------------------------------------- servers


@dataclass
class Server:
    url: str
    token: str
    process: subprocess.Popen
    log: Path


def require_browser():
    """Skip (fail under CI) when Chromium, its driver or selenium is missing."""
    missing = [str(path) for path in (CHROMIUM, CHROMEDRIVER) if not path.exists()]
    try:
        import selenium  # noqa: F401
    except ImportError:
        missing.append("selenium")
    if missing:
        message = (f"the browser test needs {', '.join(missing)}: apt-get install chromium chromium-driver "
                   "(as .ci/run does), pip install -r requirements.txt")
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start_server(argv: list[str], *, cwd: Path, env: dict, ready_path: str, port: int, token: str,
                 log: Path) -> Server:
    """Start a server in its own process group and wait until it answers HTTP on ``ready_path``."""
    url = f"http://127.0.0.1:{port}"
    with log.open("wb") as log_file:
        process = subprocess.Popen(argv, cwd=cwd, env=env, stdout=log_file, stderr=subprocess.STDOUT,
                                   stdin=subprocess.DEVNULL, start_new_session=True)
    server = Server(url=url, token=token, process=process, log=log)
    deadline = time.monotonic() + SERVER_START_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"{argv[2]} exited with {process.returncode}:\n{log_tail(log)}")
        try:
            with urllib.request.urlopen(f"{url}{ready_path}", timeout=5):
                return server
        except urllib.error.HTTPError:
            return server  # it answers, if only to refuse: Voilà sends 403 to unknown API paths
        except (urllib.error.URLError, OSError):
            time.sleep(0.5)
    stop_server(server)
    raise TimeoutError(f"{argv[2]} did not answer on {url} within {SERVER_START_SECONDS} s:\n{log_tail(log)}")


def stop_server(server: Server) -> None:
    """Stop the server (it shuts its kernels down on SIGTERM); kill its process group if it lingers."""
    if server.process.poll() is None:
        os.killpg(server.process.pid, signal.SIGTERM)
        try:
            server.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(server.process.pid, signal.SIGKILL)
            server.process.wait()


def log_tail(log: Path, lines: int = 30) -> str:
    return "\n".join(log.read_text(encoding="utf-8", errors="replace").splitlines()[-lines:])


def api(server: Server, path: str, *, method: str = "GET"):
    request = urllib.request.Request(f"{server.url}{path}", method=method,
                                     headers={"Authorization": f"token {server.token}"})
    with urllib.request.urlopen(request, timeout=10) as response:
        body = response.read()
    return json.loads(body) if body else None


def server_env(root: Path) -> dict:
    """The environment of a server: this checkout's helpers first, Jupyter's own state in ``root``,
    the seed corpus for the explorer page."""
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(PROJECT_ROOT), env.get("PYTHONPATH", "")) if p)
    for name in ("JUPYTER_CONFIG_DIR", "JUPYTER_RUNTIME_DIR", "JUPYTERLAB_SETTINGS_DIR", "JUPYTERLAB_WORKSPACES_DIR"):
        env[name] = str(root / name.lower())
        Path(env[name]).mkdir(parents=True, exist_ok=True)
    env[CORPUS_VARIABLE] = str(CORPUS_DIR)
    return env


def write_lab_settings(settings_dir: Path) -> None:
    """JupyterLab settings for the test: every cell in the page (by default only the cells near
    the window are, and images further down would not be counted), and no news or update check."""
    settings = {
        "@jupyterlab/notebook-extension/tracker.jupyterlab-settings": {"windowingMode": "none"},
        "@jupyterlab/apputils-extension/notification.jupyterlab-settings": {"fetchNews": "false",
                                                                           "checkForUpdates": False},
    }
    for name, values in settings.items():
        path = settings_dir / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(values), encoding="utf-8")


# ---------------------------------------------------------------- fixtures


def folder_checksums(folder: Path) -> dict[str, str]:
    return {str(path.relative_to(folder)): hashlib.sha256(path.read_bytes()).hexdigest()
            for path in sorted(folder.rglob("*")) if path.is_file()}


@pytest.fixture(scope="module")
def notebooks_before():
    """The project's notebooks/ as it was before any server started."""
    return folder_checksums(NOTEBOOKS_DIR)


@pytest.fixture(scope="module")
def served(tmp_path_factory, notebooks_before):
    """A copy of notebooks/ for the servers, each numbered notebook writing into a temporary folder."""
    root = tmp_path_factory.mktemp("served")
    folder = root / "notebooks"
    # kernel-ipc-*: the sockets of kernels running from notebooks/ (a benchmark, another test run)
    shutil.copytree(NOTEBOOKS_DIR, folder, ignore=shutil.ignore_patterns(".ipynb_checkpoints", "kernel-ipc-*"))
    for path in sequence(folder):
        notebook = nbformat.read(path, as_version=4)
        parameters = [cell for cell in notebook.cells if "parameters" in cell.metadata.get("tags", [])]
        assert parameters and "output_dir = None" in parameters[0].source, \
            f"{path.name}: no parameters cell with output_dir = None"
        parameters[0].source = parameters[0].source.replace("output_dir = None", f"output_dir = {str(root / 'outputs')!r}")
        nbformat.write(notebook, path)
    return folder


@pytest.fixture(scope="module")
def screenshot_dirs(tmp_path_factory):
    dirs = [tmp_path_factory.mktemp("screenshots")]
    if os.environ.get("GOFTAR_SCREENSHOTS"):
        dirs.append(Path(os.environ["GOFTAR_SCREENSHOTS"]).resolve())
        dirs[-1].mkdir(parents=True, exist_ok=True)
    return dirs


@pytest.fixture(scope="module")
def report(screenshot_dirs):
    """What each page showed, written as browser_report.json beside the screenshots."""
    seen: dict[str, dict] = {}
    yield seen
    for folder in screenshot_dirs:
        (folder / "browser_report.json").write_text(json.dumps(seen, ensure_ascii=False, indent=1) + "\n",
                                                    encoding="utf-8")


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    """Headless Chromium through Debian's chromedriver, named explicitly so Selenium never
    looks for (or downloads) a driver of its own."""
    require_browser()
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    folder = tmp_path_factory.mktemp("chromium")
    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for flag in CHROMIUM_FLAGS + [f"--user-data-dir={folder / 'profile'}"]:
        options.add_argument(flag)
    service = Service(executable_path=str(CHROMEDRIVER), log_output=str(folder / "chromedriver.log"))
    driver = webdriver.Chrome(service=service, options=options)
    try:
        yield driver
    finally:
        try:
            driver.quit()  # ends Chromium, then chromedriver
        finally:
            if service.process and service.process.poll() is None:
                service.process.kill()


@pytest.fixture(scope="module")
def lab(served, tmp_path_factory):
    """JupyterLab on 127.0.0.1, a free port and a token, serving the copied notebooks."""
    require_browser()
    root = tmp_path_factory.mktemp("jupyterlab")
    env = server_env(root)
    write_lab_settings(Path(env["JUPYTERLAB_SETTINGS_DIR"]))
    port, token = free_port(), secrets.token_hex(16)
    argv = [sys.executable, "-m", "jupyterlab", "--no-browser", "--allow-root", "--ServerApp.ip=127.0.0.1",
            f"--ServerApp.port={port}", "--ServerApp.port_retries=0", f"--IdentityProvider.token={token}",
            f"--ServerApp.root_dir={served}", "--LabApp.extension_manager=readonly"]
    server = start_server(argv, cwd=served, env=env, ready_path=f"/api/status?token={token}", port=port,
                          token=token, log=root / "jupyterlab.log")
    try:
        yield server
    finally:
        stop_server(server)


@pytest.fixture(scope="module")
def app(served, tmp_path_factory):
    """`make explore`'s page: Voilà on 127.0.0.1, a free port and a token, on the seed corpus."""
    require_browser()
    root = tmp_path_factory.mktemp("voila")
    port, token = free_port(), secrets.token_hex(16)
    argv = [sys.executable, "-m", "voila", str(served / APP.name), "--no-browser", "--Voila.ip=127.0.0.1",
            f"--port={port}", f"--token={token}"]
    server = start_server(argv, cwd=served, env=server_env(root), ready_path=f"/api/status?token={token}",
                          port=port, token=token, log=root / "voila.log")
    try:
        yield server
    finally:
        stop_server(server)


# ---------------------------------------------------------------- in the page


def wait_for(condition, *, seconds: float, what: str, every: float = 0.5):
    """Poll ``condition()`` until it returns something true; return that, or fail saying ``what``."""
    deadline = time.monotonic() + seconds
    while True:
        value = condition()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {seconds} s waiting for {what}")
        time.sleep(every)


@contextmanager
def whole_page(driver):
    """Make the window as tall as the page (up to TALLEST_SCREENSHOT), so that every part of it
    is on screen for a screenshot; restore the window afterwards."""
    size = driver.get_window_size()
    chrome = driver.execute_script("return window.outerHeight - window.innerHeight")
    full = min(int(driver.execute_script(FULL_HEIGHT_JS)) + chrome, TALLEST_SCREENSHOT)
    driver.set_window_size(size["width"], max(full, size["height"]))
    driver.execute_async_script("requestAnimationFrame(() => requestAnimationFrame(arguments[0]))")
    try:
        yield
    finally:
        driver.set_window_size(size["width"], size["height"])


def screenshot(driver, dirs: list[Path], name: str, element=None) -> None:
    """Save the whole page, or one element of it, as NAME.png in every screenshot folder."""
    with whole_page(driver):
        png = element.screenshot_as_png if element is not None else driver.get_screenshot_as_png()
    for folder in dirs:
        (folder / f"{name}.png").write_bytes(png)


def kernel_states(lab: Server, name: str) -> list[str]:
    return [session["kernel"]["execution_state"] for session in api(lab, "/api/sessions")
            if session["path"] == name and session.get("kernel")]


def open_and_run_all(driver, lab: Server, name: str) -> None:
    """Open notebook ``name`` in a fresh workspace, wait for its kernel, Run All Cells, and wait
    until every queued cell has run and the kernel is idle."""
    from selenium.webdriver.common.by import By

    driver.get(f"{lab.url}/lab/tree/{name}?reset&token={lab.token}")
    wait_for(lambda: driver.find_elements(By.CSS_SELECTOR, ".jp-NotebookPanel .jp-CodeCell"),
             seconds=60, what=f"{name} to show its cells")
    wait_for(lambda: kernel_states(lab, name) == ["idle"], seconds=90, what=f"{name}'s kernel to start")
    for tab in driver.find_elements(By.CSS_SELECTOR, ".jp-SideBar.jp-mod-left .lm-TabBar-tab.lm-mod-current"):
        tab.click()  # folds the file browser away: the screenshots show the notebook only
    for menu, item in ((".lm-MenuBar-itemLabel", "Run"), (".lm-Menu-itemLabel", "Run All Cells")):
        wait_for(lambda: [label for label in driver.find_elements(By.CSS_SELECTOR, menu) if label.text == item],
                 seconds=10, what=f"{item!r} in the menus")[0].click()
    settled = {"idle polls": 0}

    def finished():
        prompts = driver.execute_script("return [...document.querySelectorAll('.jp-CodeCell .jp-InputPrompt')]"
                                        ".map((p) => p.textContent)")
        idle = not any("*" in prompt for prompt in prompts) and kernel_states(lab, name) == ["idle"]
        settled["idle polls"] = settled["idle polls"] + 1 if idle else 0
        return settled["idle polls"] >= 3  # idle three polls running: not between two cells

    wait_for(finished, seconds=RUN_ALL_SECONDS, what=f"{name} to finish running")


def shut_down_kernels(lab: Server, name: str) -> None:
    for session in api(lab, "/api/sessions"):
        if session["path"] == name:
            api(lab, f"/api/sessions/{session['id']}", method="DELETE")


def type_in_explorers(driver, keyword: str, *, root_css: str) -> list[dict]:
    """Type ``keyword`` into every explorer text box under ``root_css``; return, for each, its
    label, the rows its table shows once it has answered, and the text box element."""
    from selenium.webdriver.common.by import By

    answers = []
    for box in driver.find_elements(By.CSS_SELECTOR, f"{root_css} .widget-text"):
        label = box.find_element(By.CSS_SELECTOR, ".widget-label").text
        field = box.find_element(By.CSS_SELECTOR, "input")
        before = driver.execute_script(EXPLORER_ROWS_JS, field)
        driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", field)
        field.click()
        field.clear()
        field.send_keys(keyword)

        def answered():
            rows = driver.execute_script(EXPLORER_ROWS_JS, field)
            return rows if rows and rows != before and all(keyword in row for row in rows) else None

        rows = wait_for(answered, seconds=ANSWER_SECONDS, what=f"the {label!r} explorer to answer {keyword!r}")
        answers.append({"label": label, "rows": rows, "field": field})
    return answers


def declared_figures(path: Path) -> list[str]:
    return list(nbformat.read(path, as_version=4).metadata.get("goftar", {}).get("figures", []))


# ---------------------------------------------------------------- tests


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_notebook_in_jupyterlab(notebook, browser, lab, screenshot_dirs, report):
    from selenium.webdriver.common.by import By

    started = time.monotonic()
    try:
        open_and_run_all(browser, lab, notebook.name)
        page = browser.execute_script(PAGE_JS, ".jp-NotebookPanel .jp-OutputArea-output")
        screenshot(browser, screenshot_dirs, notebook.stem)
        source = notebook.read_text(encoding="utf-8")
        answers = []
        if any(call in source for call in EXPLORERS_WITH_A_TEXT_BOX):
            answers = type_in_explorers(browser, KEYWORD, root_css=".jp-NotebookPanel .jp-OutputArea-output")
            for answer in answers:
                explorer = answer["field"].find_element(By.XPATH, "./ancestor::div[contains(@class, 'widget-vbox')][1]")
                screenshot(browser, screenshot_dirs, f"{notebook.stem}__explorer_{answer['label'].lower()}", explorer)
    finally:
        shut_down_kernels(lab, notebook.name)
    declared = declared_figures(notebook)
    report[notebook.stem] = {"images": page["images"], "figures declared": len(declared),
                             "persian table cells": page["persian_cells"], "right to left": page["rtl_cells"],
                             "explorers answered": {a["label"]: len(a["rows"]) for a in answers},
                             "seconds": round(time.monotonic() - started, 1)}

    assert not page["tracebacks"], f"{notebook.name} shows an error:\n{page['tracebacks'][0]}"
    not_run = [i for i, prompt in enumerate(page["prompts"]) if not re.fullmatch(r"\[\d+\]:", prompt)]
    assert not not_run, f"{notebook.name}: code cells {not_run} did not run"
    assert page["rtl_cells"] == page["persian_cells"], \
        f"{notebook.name}: {page['persian_cells'] - page['rtl_cells']} of {page['persian_cells']} Persian table cells are not right to left"
    if any(call in source for call in EXPLORERS_WITH_A_TEXT_BOX):
        assert answers, f"{notebook.name} calls an explorer but shows no text box"
    assert page["images"] >= len(declared), \
        f"{notebook.name}: {page['images']} images rendered in JupyterLab, {len(declared)} figures declared ({', '.join(declared)})"


def test_explorer_page_answers_a_keyword(browser, app, screenshot_dirs, report):
    from selenium.webdriver.common.by import By

    started = time.monotonic()
    browser.get(f"{app.url}/?token={app.token}")
    # Ready when its three explorers are drawn: quotes and statistics show their first rows.
    wait_for(lambda: len(browser.find_elements(By.CSS_SELECTOR, ".widget-vbox .widget-html table")) >= 2
             and len(browser.find_elements(By.CSS_SELECTOR, ".widget-text input")) >= 2,
             seconds=120, what="the explorer page to show its explorers")
    page = browser.execute_script(PAGE_JS, ".jp-OutputArea-output")
    answers = type_in_explorers(browser, KEYWORD, root_css=".jp-OutputArea-output")
    screenshot(browser, screenshot_dirs, "explore")
    report["explore (Voila)"] = {"images": page["images"], "persian table cells": page["persian_cells"],
                                 "right to left": page["rtl_cells"],
                                 "explorers answered": {a["label"]: len(a["rows"]) for a in answers},
                                 "seconds": round(time.monotonic() - started, 1)}

    assert not page["tracebacks"], f"the explorer page shows an error:\n{page['tracebacks'][0]}"
    assert page["persian_cells"] > 0 and page["rtl_cells"] == page["persian_cells"], \
        f"explorer page: {page['rtl_cells']} of {page['persian_cells']} Persian table cells right to left"
    assert {"Keyword", "Contains"} <= {a["label"] for a in answers}
    assert all(a["rows"] for a in answers)


def test_the_project_notebooks_never_change(notebooks_before, served):
    assert folder_checksums(NOTEBOOKS_DIR) == notebooks_before, "a server wrote into the project's notebooks/"
