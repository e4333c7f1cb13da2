#!/usr/bin/python3
# test-servers.py
#
# Copyright 2026 The Lorakeet authors
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# The server chosen in the Generate panel, with two ComfyUI simulators A and B on loopback
# ports and the demo studio in a scratch database, driven through AT-SPI:
#  1. choosing A in the panel's Server menu keeps Generate available;
#  2. A stops while B runs: the banner names A and offers Retry and Use Automatic, Generate is
#     disabled with a reason naming A, and Ctrl+Return sends nothing (no job goes to B);
#  3. A comes back on its port and Retry clears the banner with A still chosen;
#  4. A stops again and Use Automatic switches the panel to Automatic: the banner goes and the
#     next job runs on B.
#
# Usage: test-servers.py LORAKEET LORAKEET-CLI LK-COMFY-SIM DEMO-LORA SCREENSHOT-DIR
# Exit 77 (skipped) without a display, an accessibility stack or a PostgreSQL server.

import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import lkgui  # noqa: E402
from lkstudio import (TIMEOUT, Simulator, Studio, banner_texts,  # noqa: E402
                      choose_in_dropdown, dropdown_shows, generate_button, is_enabled, job_count,
                      press_ctrl_return, region, select, server_banner, showing_button,
                      wait_generate_enabled)

results = []


def ok(message):
    results.append(message)
    print('ok %d - %s' % (len(results), message))
    sys.stdout.flush()


def server_menu(frame):
    return lkgui.find(region(frame, 'Generate'), lambda n: n.getRoleName() == 'combo box'
                      and 'Server' in (n.name or ''))


def chosen_server(frame):
    """What the Server menu shows."""
    return dropdown_shows(server_menu(frame))


def choose_server(frame, name):
    menu = server_menu(frame)
    lkgui.check(menu is not None, 'the Generate panel has no Server menu')
    choose_in_dropdown(menu, name)


def panel_status(frame):
    """The Generate panel's line under its fields: why Generate is unavailable."""
    panel = region(frame, 'Generate')
    labels = lkgui.find_all(panel, lambda n: n.getRoleName() == 'label' and n.name
                            and lkgui.is_showing(n) and 'not online' in n.name)
    return labels[0].name if labels else None


def steps(app_path, env, sim_a, sim_b, studio, shots):
    with lkgui.Application(app_path, [], env) as app:
        frame = app.wait_for_frame('Lorakeet')
        select(frame, 'Mei Kobayashi')
        wait_generate_enabled(frame, 'for Mei with two servers')
        choose_server(frame, sim_a.url)
        wait_generate_enabled(frame, 'with server A chosen')
        lkgui.check(server_banner(frame) is None, 'a server banner shows with both servers up: %r'
                    % banner_texts(frame))
        ok('choosing %s in the Server menu keeps Generate available' % sim_a.url)

        jobs = job_count(studio)
        sim_a.stop()
        text = lkgui.wait_until(lambda: (server_banner(frame) or '') if sim_a.url in
                                (server_banner(frame) or '') and 'Automatic' in
                                server_banner(frame) else None, TIMEOUT,
                                'no banner named the chosen server %s: %r'
                                % (sim_a.url, banner_texts(frame)))
        lkgui.check(showing_button(frame, 'Retry Servers') is not None,
                    'the banner has no Retry button')
        lkgui.check(showing_button(frame, 'Use Automatic Server') is not None,
                    'the banner has no Use Automatic button')
        lkgui.wait_until(lambda: not is_enabled(generate_button(frame)), TIMEOUT,
                         'Generate stayed available with the chosen server offline')
        status = lkgui.wait_until(lambda: panel_status(frame), 10,
                                  'the Generate panel does not say why Generate is unavailable')
        lkgui.check(sim_a.url in status, 'the panel\'s reason does not name A: %r' % status)
        press_ctrl_return()
        time.sleep(2.0)  # the generator would have recorded a job by now
        lkgui.check(job_count(studio) == jobs, 'a job was sent with the chosen server offline: %s'
                    % studio.query('SELECT server_url, status FROM generation_jobs'))
        lkgui.check(chosen_server(frame) == sim_a.url, 'the Server menu left A by itself: %r'
                    % chosen_server(frame))
        lkgui.screenshot(os.path.join(shots, 'servers-1-chosen-offline.png'), frame)
        ok('with A offline and B online the banner says "%s", the panel says "%s", and '
           'Ctrl+Return sends nothing' % (text, status))

        sim_a.start()
        retry = showing_button(frame, 'Retry Servers')
        if retry is not None:
            retry.queryAction().doAction(0)
        lkgui.wait_until(lambda: server_banner(frame) is None, TIMEOUT,
                         'the banner stayed after A came back: %r' % banner_texts(frame))
        wait_generate_enabled(frame, 'after A came back')
        lkgui.check(chosen_server(frame) == sim_a.url, 'the Server menu shows %r after Retry'
                    % chosen_server(frame))
        ok('A back on its port and Retry clear the banner, with A still chosen')

        sim_a.stop()
        automatic = lkgui.wait_until(lambda: showing_button(frame, 'Use Automatic Server'),
                                     TIMEOUT, 'no Use Automatic button after A stopped again')
        automatic.queryAction().doAction(0)
        lkgui.wait_until(lambda: chosen_server(frame) == 'Automatic', 10,
                         'Use Automatic left the Server menu on %r' % chosen_server(frame))
        lkgui.wait_until(lambda: server_banner(frame) is None, TIMEOUT,
                         'the banner stayed with Automatic chosen and B online: %r'
                         % banner_texts(frame))
        wait_generate_enabled(frame, 'with Automatic chosen and B online')
        press_ctrl_return()
        url = lkgui.wait_until(lambda: studio.query('SELECT server_url FROM generation_jobs '
                                                    'ORDER BY id DESC LIMIT 1'), TIMEOUT,
                               'Ctrl+Return with Automatic recorded no job')
        lkgui.check(url == sim_b.url, 'the job went to %r, not to B %s' % (url, sim_b.url))
        lkgui.screenshot(os.path.join(shots, 'servers-2-automatic.png'), frame)
        ok('Use Automatic switches the panel to Automatic, the banner goes, and the next job '
           'runs on B (%s)' % url)


def main():
    if len(sys.argv) != 6:
        print(__doc__)
        return 2
    app_path, cli_path, sim_path, demo_lora, shots = sys.argv[1:6]
    lkgui.skip_unless_display()
    os.makedirs(shots, exist_ok=True)

    with Studio(cli_path, demo_lora, 'servers') as studio:
        sim_a = Simulator(sim_path, studio.path('comfy-a'), step_ms=100)
        sim_b = Simulator(sim_path, studio.path('comfy-b'), step_ms=100)
        try:
            env = studio.configure([sim_a.start(), sim_b.start()], sim_b.output)
            print('1..4')
            try:
                steps(app_path, env, sim_a, sim_b, studio, shots)
            except SystemExit:
                lkgui.screenshot(os.path.join(shots, 'servers-failed.png'))
                raise
        finally:
            sim_a.stop()
            sim_b.stop()
    return 0


if __name__ == '__main__':
    sys.exit(main())
