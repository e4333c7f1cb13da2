#!/usr/bin/python3
# screenshot.py
#
# Copyright 2026 The Lorakeet authors
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Renders the real main window under Xvfb into a PNG for README and the metainfo.
# Usage: screenshot.py PATH/TO/lorakeet OUTPUT.png

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import lkgui  # noqa: E402


def main():
    app_path, output = sys.argv[1], sys.argv[2]
    lkgui.skip_unless_display()
    with lkgui.Application(app_path) as app:
        frame = app.wait_for_frame('Lorakeet')
        lkgui.screenshot(output, frame)
    print('wrote %s' % output)


if __name__ == '__main__':
    main()
