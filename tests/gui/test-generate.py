#!/usr/bin/python3
# test-generate.py
#
# Copyright 2026 The Lorakeet authors
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Generating in the real window, driven through AT-SPI: a scratch database of the harness's
# PostgreSQL holding the demo studio, the ComfyUI simulator on a loopback port writing into the
# output folder the gallery shows. Select Mei Kobayashi and see her LoRA card; stop the
# simulator (the server banner shows, Generate is disabled) and start it again on the same port
# (the banner goes); then generate with Ctrl+Return, see the job's progress, see the new frame
# in the gallery, approve it in the viewer and find the approval in the catalog; switch to
# another project and search for another character (hiding Mei) and use "Generate Again with
# These Settings": the panel gets the frame's seed and Mei is selected again. Generating after
# the outage also shows that the restarted server is really used. Screenshots of every step go
# to SCREENSHOT-DIR.
#
# Usage: test-generate.py LORAKEET LORAKEET-CLI LK-COMFY-SIM DEMO-LORA SCREENSHOT-DIR
# Exit 77 (skipped) without a display, an accessibility stack or a PostgreSQL server.

import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import lkgui  # noqa: E402
from lkstudio import (TIMEOUT, Simulator, Studio, banner_texts, choose_in_dropdown,  # noqa: E402
                      click, dropdown_shows, find_toast, generate_button, is_enabled, is_selected,
                      press_ctrl_return, select, server_banner, showing_button)
import lkstudio  # noqa: E402

MEI_LORA = 'mei_working_v1'
results = []
running = []  # the application under test, so that a failure can say whether it crashed


def ok(message):
    results.append(message)
    print('ok %d - %s' % (len(results), message))
    sys.stdout.flush()


def region(frame, name, required=True):
    return lkstudio.region(frame, name, required, running[0] if running else None)


def output_tiles(frame):
    import pyatspi
    return lkgui.find_all(frame, lambda n: n.getRole() == pyatspi.ROLE_IMAGE
                          and (n.name or '').startswith('anime_image_'), max_nodes=20000)


def progress_values(frame):
    jobs = region(frame, 'Jobs', required=False)
    bars = lkgui.find_all(jobs, lambda n: n.getRoleName() == 'progress bar') if jobs else []
    values = []
    for bar in bars:
        try:
            values.append(bar.queryValue().currentValue)
        except Exception:
            continue
    return values


def steps(app_path, env, sim, studio, shots):
    with lkgui.Application(app_path, [], env) as app:
        running.append(app)
        frame = app.wait_for_frame('Lorakeet')

        select(frame, 'Mei Kobayashi')
        lkgui.wait_until(lambda: lkgui.find_named(region(frame, 'Inspector'), MEI_LORA), TIMEOUT,
                         'the inspector does not show Mei\'s LoRA %s' % MEI_LORA)
        lkstudio.wait_generate_enabled(frame, 'for Mei')
        lkgui.check(server_banner(frame) is None,
                    'a server banner shows while the simulator runs: %r' % banner_texts(frame))
        lkgui.screenshot(os.path.join(shots, 'generate-1-mei.png'), frame)
        unnamed = lkgui.unnamed_controls(frame)
        lkgui.check(not unnamed, 'controls without an accessible name: %s' % unnamed)
        ok('Mei Kobayashi shows her LoRA card and Generate is available; every control is named')

        # She has a LoRA of her own, so it can be validated from the inspector.
        def validate_button():
            button = lkgui.find(region(frame, 'Inspector'),
                                lambda n: n.getRoleName() == 'push button'
                                and 'Validation Grid' in (n.name or ''))
            return button if lkstudio.is_enabled(button) else None
        lkgui.wait_until(validate_button, TIMEOUT,
                         'the Validation Grid button stayed disabled for Mei')
        jobs_before = lkstudio.job_count(studio)
        validate_button().queryAction().doAction(0)
        grid = app.wait_for_frame('Validation Grid')
        lkgui.wait_until(lambda: lkgui.find(grid, lambda n: n.getRoleName() == 'label'
                                            and 'Mei Kobayashi' in (n.name or '')),
                         TIMEOUT, 'the validation window does not name Mei')
        lkgui.screenshot(os.path.join(shots, 'generate-1b-validation-window.png'), grid)
        unnamed = lkgui.unnamed_controls(grid)
        lkgui.check(not unnamed, 'controls without an accessible name in the validation '
                    'window: %s' % unnamed)
        lkgui.press_key(0xff1b)  # Escape
        lkgui.wait_until(lambda: not lkgui.is_showing(grid), TIMEOUT,
                         'the validation window did not close with Escape')
        lkgui.check(lkstudio.job_count(studio) == jobs_before, 'opening the validation window generated something')
        ok('the inspector opens the validation grid for Mei, nothing generated until asked')

        sim.stop()
        text = lkgui.wait_until(lambda: server_banner(frame), TIMEOUT,
                                'no banner after the simulator stopped')
        lkgui.check(showing_button(frame, 'Retry Servers') is not None,
                    'the server banner has no Retry button')
        lkgui.wait_until(lambda: not is_enabled(generate_button(frame)), TIMEOUT,
                         'Generate stayed available without a server')
        lkgui.screenshot(os.path.join(shots, 'generate-2-server-down.png'), frame)
        ok('the stopped server shows its banner with Retry: %s' % text)

        sim.start()
        retry = showing_button(frame, 'Retry Servers')
        if retry is not None:
            retry.queryAction().doAction(0)
        lkgui.wait_until(lambda: server_banner(frame) is None, TIMEOUT,
                         'the server banner stayed after the simulator came back')
        lkgui.wait_until(lambda: is_enabled(generate_button(frame)), TIMEOUT,
                         'Generate did not come back with the server')
        lkgui.screenshot(os.path.join(shots, 'generate-3-server-back.png'), frame)
        ok('the server back on the same port clears the banner and Generate is available again')

        before = set(os.listdir(sim.output)) if os.path.isdir(sim.output) else set()
        prompt = lkgui.find(region(frame, 'Generate'), lambda n: n.getRoleName() == 'text'
                            and 'Prompt' in (n.name or '') and 'Negative' not in n.name)
        lkgui.check(prompt is not None, 'the Generate panel has no Prompt field')
        click(prompt)
        lkgui.type_text('smiling, school uniform')
        press_ctrl_return()
        seen = []

        def progressing():
            values = progress_values(frame)
            seen.extend(values)
            return any(0 < v < 1 for v in values)

        lkgui.wait_until(progressing, TIMEOUT, 'no job progress showed after Ctrl+Return')
        lkgui.screenshot(os.path.join(shots, 'generate-4-progress.png'), frame)
        ok('Ctrl+Return sends the job and its progress shows in the queue (%s)'
           % ', '.join('%.2f' % v for v in seen if 0 < v < 1))

        toasts = []

        def finished():
            # The toast of the finished job is up for a few seconds only: look while waiting.
            toast = find_toast(frame, 'Finished generating Mei')
            if toast is not None:
                toasts.append(toast)
            tiles = output_tiles(frame)
            return toasts and tiles and tiles[0]

        tile = lkgui.wait_until(finished, TIMEOUT * 2,
                                'the new frame never reached the gallery, or no toast said so '
                                '(toasts seen: %r)' % toasts)
        made = sorted(set(os.listdir(sim.output)) - before)
        lkgui.check(any(tile.name.startswith(name) for name in made),
                    'the gallery shows %r, the simulator wrote %r' % (tile.name, made))
        time.sleep(1.0)
        lkgui.screenshot(os.path.join(shots, 'generate-5-gallery.png'), frame)
        ok('the new frame %s is in the gallery, and a toast said "%s"'
           % (tile.name.split(',')[0], toasts[0]))

        # Every character's outputs, so that selecting another character later keeps the frame
        # (and its viewer) on screen.
        every = lkgui.find(region(frame, 'Gallery'), lambda n: n.name == 'All Characters'
                           and n.getRoleName() == 'push button', max_nodes=20000)
        lkgui.check(every is not None, 'the gallery has no "All Characters" filter')
        every.queryAction().doAction(0)
        tile = lkgui.wait_until(lambda: lkgui.find(frame, lambda n: n.name == tile.name,
                                                   max_nodes=20000), 10,
                                'the frame left the gallery with "All Characters" on')
        click(tile, double=True)
        viewer = lkgui.wait_until(lambda: lkgui.find(frame, lambda n: n.name == 'Viewer'
                                                     and lkgui.is_showing(n)),
                                  10, 'the viewer did not open')
        time.sleep(0.5)
        lkgui.press_key(0x61)  # a
        lkgui.wait_until(lambda: lkgui.find(viewer, lambda n: n.name == 'Approved'
                                            and lkgui.is_showing(n)), 10,
                         'A did not approve the frame')
        lkgui.screenshot(os.path.join(shots, 'generate-6-approved.png'), frame)
        row = lkgui.wait_until(lambda: studio.query(
            "SELECT o.filename, r.verdict FROM output_reviews r "
            "JOIN generation_outputs o ON o.id = r.output_id "
            "WHERE r.verdict = 'approved'"), TIMEOUT,
            'the approval is not in the catalog')
        lkgui.check(tile.name.split(',')[0] in row, 'the catalog approved %r, not %s'
                    % (row, tile.name))
        ok('A approves the frame in the viewer and the catalog has it: %s' % row.replace('|', ' '))

        # The side panel's Job group: the catalog's record of the job behind the frame.
        job_id = studio.query("SELECT o.job_id FROM generation_outputs o WHERE o.filename = '%s'"
                              % tile.name.split(',')[0]).strip()

        def job_text():
            return ' '.join(filter(None, (n.name for n in lkgui.find_all(
                viewer, lambda n: lkgui.is_showing(n) and n.name is not None))))
        shown = lkgui.wait_until(lambda: ('No. %s, finished' % job_id) in job_text()
                                 and job_text(), 10,
                                 'the viewer does not show job %s as finished' % job_id)
        lkgui.check(sim.url.rstrip('/') in shown, 'the viewer does not name the server %s'
                    % sim.url)
        lkgui.check('Mei' in shown, 'the viewer does not name the job\'s character')
        ok('the viewer shows the frame\'s job %s from the catalog, with its server' % job_id)

        # Another project and another character, Mei hidden from the list by both the project
        # and a search: Generate Again must bring her back as the selected character, not only
        # her settings.
        projects = lkgui.find(region(frame, 'Characters'), lambda n: n.getRoleName() == 'combo box'
                              and 'Project' in (n.name or ''))
        lkgui.check(projects is not None, 'the characters region has no Project switcher')
        choose_in_dropdown(projects, 'Cyberpunk Goblin Slayer')
        lkgui.press_ctrl('f')
        lkgui.type_text('Goblin')
        lkgui.wait_until(lambda: lkgui.find_named(lkstudio.character_list(frame), 'Mei Kobayashi')
                         is None, 10, 'the search did not hide Mei')
        lkgui.press_key(lkgui.KEY_RETURN)
        lkgui.wait_until(lambda: is_selected(frame, 'Goblin Slayer'), 10,
                         'Return in the search did not select Goblin Slayer')
        viewer = lkgui.find(frame, lambda n: n.name == 'Viewer' and lkgui.is_showing(n))
        lkgui.check(viewer is not None, 'the viewer closed when another character was selected')
        again = showing_button(viewer, 'Generate Again')
        lkgui.check(again is not None, 'the viewer has no "Generate Again" button')
        again.queryAction().doAction(0)
        seed = studio.query('SELECT seed FROM generation_jobs ORDER BY id DESC LIMIT 1')
        panel = region(frame, 'Generate')
        spin = lkgui.wait_until(lambda: lkgui.find(panel, lambda n: n.name == 'Seed'
                                                   and n.getRoleName() == 'spin button'),
                                10, 'the Generate panel has no Seed field')
        lkgui.wait_until(lambda: str(int(spin.queryValue().currentValue)) == seed, 10,
                         'Generate Again did not fix the seed to the frame\'s %s' % seed)
        lkgui.wait_until(lambda: is_selected(frame, 'Mei Kobayashi'), 10,
                         'Generate Again did not select the frame\'s character Mei again')
        lkgui.wait_until(lambda: lkgui.find_named(region(frame, 'Inspector'), MEI_LORA), 10,
                         'the inspector does not show Mei\'s LoRA after Generate Again')
        lkgui.check(dropdown_shows(projects) == 'All Projects',
                    'the Project switcher shows %r after Generate Again' % dropdown_shows(projects))
        lkgui.screenshot(os.path.join(shots, 'generate-7-again.png'), frame)
        lkgui.press_key(lkgui.KEY_ESCAPE)
        ok('"Generate Again with These Settings" fills the panel with the frame\'s seed %s and '
           'selects Mei again, out of another project and a search that hid her' % seed)


def main():
    if len(sys.argv) != 6:
        print(__doc__)
        return 2
    app_path, cli_path, sim_path, demo_lora, shots = sys.argv[1:6]
    lkgui.skip_unless_display()
    os.makedirs(shots, exist_ok=True)

    with Studio(cli_path, demo_lora, 'gen') as studio:
        sim = Simulator(sim_path, studio.path('comfy'))
        try:
            url = sim.start()
            env = studio.configure([url], sim.output)
            print('1..9')
            try:
                steps(app_path, env, sim, studio, shots)
            except SystemExit:
                lkgui.screenshot(os.path.join(shots, 'generate-failed.png'))
                raise
        finally:
            sim.stop()
    return 0


if __name__ == '__main__':
    sys.exit(main())
