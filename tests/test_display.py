"""What notebooks show: right-to-left tables of a screenful, figures inline at a readable size."""

import pandas as pd

from helpers.display import (SCREENFUL_ROWS, left_out_note, png_display_bundle, rtl_table,
                             show_saved_figure)
from helpers.study import SavedFigure


def test_a_long_table_shows_a_screenful_and_says_how_many_rows_were_left_out():
    frame = pd.DataFrame({"نام": [f"گوینده {i}" for i in range(1376)], "شمار": range(1376)})
    styler = rtl_table(frame)
    assert len(styler.data) == SCREENFUL_ROWS
    html = styler.to_html()
    assert "showing 20 of 1,376 rows; 1,356 left out" in html
    assert "direction: rtl" in html
    assert len(frame) == 1376  # the caller's table is untouched


def test_a_short_table_is_shown_whole_without_a_note():
    frame = pd.DataFrame({"نام": ["استاندار", "فرماندار"]})
    styler = rtl_table(frame, caption="گویندگان")
    assert len(styler.data) == 2
    assert "left out" not in styler.to_html() and "گویندگان" in styler.to_html()
    assert len(rtl_table(pd.DataFrame({"x": range(50)}), rows=None).data) == 50


def test_left_out_note_counts_rows():
    assert left_out_note(5, 5) == ""
    assert left_out_note(21, 20) == "showing 20 of 21 rows; 1 left out"


def test_png_bundle_is_shown_at_the_figure_width_in_screen_pixels():
    data, metadata = png_display_bundle(b"\x89PNG", width_inches=7, alt="caption")
    assert data == {"image/png": b"\x89PNG", "text/plain": "caption"}
    assert metadata == {"image/png": {"width": 672}}


def test_outside_a_notebook_nothing_is_displayed(tmp_path):
    class FakeFigure:
        def get_size_inches(self):
            return (7, 4)

    png = tmp_path / "chart.png"
    png.write_bytes(b"\x89PNG")
    assert show_saved_figure(FakeFigure(), png) is False


def test_saved_figure_reads_as_one_line():
    saved = SavedFigure(["figures/01_x__seeds.png", "figures/01_x__seeds.svg"])
    assert repr(saved) == "saved 01_x__seeds.png, 01_x__seeds.svg"
    assert list(saved) == ["figures/01_x__seeds.png", "figures/01_x__seeds.svg"]


def test_notebook_kernels_use_ipc_and_are_not_interrupted_on_shutdown(monkeypatch):
    import asyncio

    from jupyter_client import AsyncKernelManager

    from helpers.study import _local_kernel_manager

    interrupts = []

    async def record_interrupt(self):
        interrupts.append(self.shutting_down)

    monkeypatch.setattr(AsyncKernelManager, "_async_interrupt_kernel", record_interrupt)
    manager = _local_kernel_manager()(kernel_name="python3")
    assert manager.transport == "ipc"
    manager.shutting_down = True
    asyncio.run(manager._async_interrupt_kernel())
    assert interrupts == []
    manager.shutting_down = False
    asyncio.run(manager._async_interrupt_kernel())
    assert interrupts == [False]
