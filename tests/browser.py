"""Headless chromium for the HTML report's tests: a screenshot of a page, and what its console said."""
from __future__ import annotations

import os
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest

CANDIDATES = ("chromium", "chromium-browser", "google-chrome")
LOAD_SECONDS = 120


def chromium() -> str:
    """The browser's executable, or the test is skipped saying how to get one."""
    found = os.environ.get("CHROMIUM") or next((shutil.which(name) for name in CANDIDATES if shutil.which(name)), None)
    if not found:
        pytest.skip("no headless browser: install Debian's chromium (apt-get install -y chromium) or set CHROMIUM")
    return found


@dataclass
class Loaded:
    screenshot: Path
    console: list[str]     # messages the page wrote to its console (errors included)


def load(page: Path, screenshot: Path, width: int = 1300, height: int = 2000) -> Loaded:
    """Open `page` in headless chromium and take a screenshot of the window's size."""
    command = [chromium(), "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--no-first-run",
               f"--user-data-dir={screenshot.parent / 'chromium-profile'}", "--enable-logging=stderr", "--v=0",
               f"--window-size={width},{height}", f"--screenshot={screenshot}", page.resolve().as_uri()]
    done = subprocess.run(command, capture_output=True, text=True, timeout=LOAD_SECONDS)
    assert screenshot.exists(), f"chromium wrote no screenshot (exit {done.returncode}): {done.stderr[-2000:]}"
    return Loaded(screenshot, [line for line in done.stderr.splitlines() if ":CONSOLE" in line])


def pixels_where(screenshot: Path, red: tuple[int, int], green: tuple[int, int], blue: tuple[int, int]):
    """The bounding box (x0, y0, x1, y1) of the screenshot's pixels whose channels are all within the given
    inclusive ranges, or None."""
    from PIL import Image, ImageChops

    channels = Image.open(screenshot).convert("RGB").split()
    masks = [channel.point(lambda v, low=low, high=high: 255 if low <= v <= high else 0)
             for channel, (low, high) in zip(channels, (red, green, blue))]
    mask = ImageChops.multiply(ImageChops.multiply(masks[0], masks[1]), masks[2])
    return mask.getbbox()
