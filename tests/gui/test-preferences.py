#!/usr/bin/python3
# test-preferences.py
#
# Copyright 2026 The Lorakeet authors
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Preferences and the inspector's trigger words in the real window, driven through AT-SPI: a
# malformed server address is refused with a message, the ComfyUI simulator is added and
# tested (its GPU and VRAM are shown) and removed again; Mei Kobayashi's trigger words are
# edited in the LoRA card and read back from the catalog with psql; a profile left without a
# workflow template (by psql) gets one from the checks' Pick Template popover; a password
# typed in the connection string is kept out of GSettings. Screenshots of every step go to
# SCREENSHOT-DIR; the window is 1024×600.
#
# Usage: test-preferences.py LORAKEET LORAKEET-CLI COMFY-SIM DEMO-LORA SCREENSHOT-DIR
# Exit 77 (skipped) without a display, an accessibility stack or a PostgreSQL server.

import os
import random
import shutil
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import lkgui  # noqa: E402

TIMEOUT = 30
KEY_A = 38   # keycodes of Xvfb's default evdev layout
KEY_T = 28
KEY_S = 39
results = []


def ok(message):
    results.append(message)
    print('ok %d - %s' % (len(results), message))


def psql(sql, database='postgres'):
    return subprocess.run(['psql', '-X', '-q', '-A', '-t', '-v', 'ON_ERROR_STOP=1',
                           '-d', database, '-c', sql],
                          capture_output=True, text=True, timeout=60)


def start_sim(sim_path, base):
    sim = subprocess.Popen([sim_path, '--port', '0', '--demo-models', '--base-dir', base],
                           stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    line = sim.stdout.readline().strip()
    if not line.startswith('listening on '):
        sim.kill()
        lkgui.check(False, 'the simulator did not start: %r' % line)
    return sim, line[len('listening on '):]


def open_preferences():
    """Control+comma, by keycode (Xvfb's default evdev layout)."""
    import pyatspi
    control_l, comma = 37, 59
    pyatspi.Registry.generateKeyboardEvent(control_l, None, pyatspi.KEY_PRESS)
    pyatspi.Registry.generateKeyboardEvent(comma, None, pyatspi.KEY_PRESSRELEASE)
    pyatspi.Registry.generateKeyboardEvent(control_l, None, pyatspi.KEY_RELEASE)
    time.sleep(0.3)


def set_text(node, text, mnemonic):
    """Focuses an entry row through its mnemonic (Alt + the keycode @mnemonic), types @text
    after what it holds, and presses the row's Apply button."""
    import pyatspi
    alt_l, end_key = 64, 0xff57
    pyatspi.Registry.generateKeyboardEvent(alt_l, None, pyatspi.KEY_PRESS)
    pyatspi.Registry.generateKeyboardEvent(mnemonic, None, pyatspi.KEY_PRESSRELEASE)
    pyatspi.Registry.generateKeyboardEvent(alt_l, None, pyatspi.KEY_RELEASE)
    time.sleep(0.3)
    lkgui.press_key(end_key)
    lkgui.type_text(text)
    button = lkgui.wait_until(lambda: lkgui.find(node, lambda n: n.getRoleName() == 'push button'
                                                 and lkgui.is_showing(n)),
                              5, 'typing in "%s" showed no Apply button' % node.name)
    button.queryAction().doAction(0)


def clear_text(node, mnemonic):
    """Empties an entry row: focus through its mnemonic, select all, delete."""
    import pyatspi
    alt_l, control_l, key_a, backspace = 64, 37, 38, 0xff08
    pyatspi.Registry.generateKeyboardEvent(alt_l, None, pyatspi.KEY_PRESS)
    pyatspi.Registry.generateKeyboardEvent(mnemonic, None, pyatspi.KEY_PRESSRELEASE)
    pyatspi.Registry.generateKeyboardEvent(alt_l, None, pyatspi.KEY_RELEASE)
    time.sleep(0.3)
    pyatspi.Registry.generateKeyboardEvent(control_l, None, pyatspi.KEY_PRESS)
    pyatspi.Registry.generateKeyboardEvent(key_a, None, pyatspi.KEY_PRESSRELEASE)
    pyatspi.Registry.generateKeyboardEvent(control_l, None, pyatspi.KEY_RELEASE)
    lkgui.press_key(backspace)


def find_text(root, text):
    return lkgui.find(root, lambda n: text in (n.name or '') and lkgui.is_showing(n))


def find_entry(root, name):
    return lkgui.find(root, lambda n: n.name == name
                      and n.getRoleName() in ('text', 'entry') and lkgui.is_showing(n))


def keyfile_value(path, key):
    with open(path) as f:
        for line in f:
            if line.startswith(key + '='):
                return line.strip()
    return ''


def keyfile_servers(path):
    return keyfile_value(path, 'comfyui-servers')


def preferences_steps(app, shots, sim_url, keyfile, db):
    open_preferences()
    prefs = app.wait_for_frame('Preferences')

    example = lkgui.wait_until(lambda: lkgui.find(prefs, lambda n: (n.name or '').startswith(
        'anime_image_') and '_00001_.png' in n.name), TIMEOUT,
        'the output name pattern shows no example file name')
    ok('the output name pattern shows an example: %s' % example.name.replace('\n', ' / '))
    unnamed = lkgui.unnamed_controls(prefs)
    lkgui.check(not unnamed, 'controls without an accessible name in the preferences: %s'
                % unnamed)

    existing = lkgui.wait_until(lambda: lkgui.find(prefs, lambda n: n.name == 'Remove ' + sim_url
                                                   and n.getRoleName() == 'push button'),
                                TIMEOUT, 'the configured server is not listed')
    existing.queryAction().doAction(0)
    lkgui.wait_until(lambda: sim_url not in keyfile_servers(keyfile), TIMEOUT,
                     'removing the configured server did not reach the settings')

    add = lkgui.wait_until(lambda: find_entry(prefs, 'Add Server'), TIMEOUT,
                           'no "Add Server" entry in the preferences')
    set_text(add, 'ftp://example.org', KEY_A)
    lkgui.wait_until(lambda: find_text(prefs, 'is not a server address'), TIMEOUT,
                     'a malformed address was not refused with a message')
    lkgui.screenshot(os.path.join(shots, 'preferences-1-bad-url.png'), prefs)
    ok('a malformed server address is refused with a message saying what to type')

    clear_text(add, KEY_A)
    set_text(add, sim_url + '/', KEY_A)
    label = lkgui.wait_until(lambda: find_text(prefs, ' VRAM'), TIMEOUT,
                             'testing the added server never showed its GPU and VRAM')
    lkgui.check(label.name.startswith('cpu · '), 'the GPU name is missing: %r' % label.name)
    lkgui.check(sim_url in keyfile_servers(keyfile),
                'the server was not saved: %r' % keyfile_servers(keyfile))
    lkgui.screenshot(os.path.join(shots, 'preferences-2-server-tested.png'), prefs)
    ok('the simulator is added, saved and tested: %s' % label.name)

    # GTK 4.8 appends a labelled button's own text to its accessible name.
    test = lkgui.find(prefs, lambda n: (n.name or '').startswith('Test ' + sim_url)
                      and n.getRoleName() == 'push button')
    lkgui.check(test is not None, 'the server row has no Test button: %r' % [
        n.name for n in lkgui.find_all(prefs, lambda n: n.getRoleName() == 'push button')])
    remove = lkgui.find(prefs, lambda n: n.name == 'Remove ' + sim_url
                        and n.getRoleName() == 'push button')
    lkgui.check(remove is not None, 'the server row has no Remove button')
    remove.queryAction().doAction(0)
    lkgui.wait_until(lambda: find_text(prefs, ' VRAM') is None, TIMEOUT,
                     'the removed server is still listed')
    lkgui.wait_until(lambda: sim_url not in keyfile_servers(keyfile), TIMEOUT,
                     'the removed server is still in the settings')
    ok('removing the server takes it out of the list and the settings')

    test_button = lkgui.find(prefs, lambda n: (n.name or '').startswith('Test _Connection')
                             and n.getRoleName() == 'push button')
    lkgui.check(test_button is not None, 'no Test Connection button')
    test_button.queryAction().doAction(0)
    status = lkgui.wait_until(lambda: find_text(prefs, 'Connected to PostgreSQL'), TIMEOUT,
                              'testing the catalog connection never said it connected')
    lkgui.screenshot(os.path.join(shots, 'preferences-3-connection.png'), prefs)
    ok('Test Connection opens a throwaway catalog: %s' % status.name)

    conninfo = lkgui.wait_until(lambda: find_entry(prefs, 'Connection String'), TIMEOUT,
                                'no "Connection String" entry in the preferences')
    clear_text(conninfo, KEY_S)
    set_text(conninfo, 'dbname=%s password=hunter2' % db, KEY_S)
    lkgui.wait_until(lambda: "dbname='%s'" % db in keyfile_value(keyfile, 'database-conninfo'),
                     TIMEOUT, 'the connection string was not saved: %r'
                     % keyfile_value(keyfile, 'database-conninfo'))
    lkgui.check('hunter2' not in open(keyfile).read(), 'the password was saved in GSettings')
    lkgui.wait_until(lambda: find_text(prefs, 'keyring'), TIMEOUT,
                     'nothing says where the password went')
    lkgui.screenshot(os.path.join(shots, 'preferences-4-password.png'), prefs)
    ok('a password typed in the connection string goes to the keyring, never to GSettings')

    lkgui.press_key(lkgui.KEY_ESCAPE)
    lkgui.wait_until(lambda: find_entry(prefs, 'Add Server') is None, TIMEOUT,
                     'Escape did not close the preferences')


def inspector_steps(frame, shots, db, sim_url):
    """With a server set up, the inspector checks the character against it, previews the
    workflow edits, says which servers have the LoRA, and fixes a missing LoRA in place."""
    import pyatspi
    inspector = lkgui.find(frame, lambda n: n.name == 'Inspector' and n.getRoleName() == 'panel')
    lkgui.check(inspector is not None, 'no Inspector region')
    lst = lkgui.wait_until(lambda: lkgui.find(frame, lambda n: n.name == 'Character List'
                                              and n.getRoleName() == 'list'),
                           TIMEOUT, 'the character list never appeared')
    lkgui.wait_until(lambda: lkgui.select_list_item(lst, 'Mei Kobayashi'), TIMEOUT,
                     'could not select Mei Kobayashi')
    lkgui.wait_until(lambda: find_text(inspector, 'Found on ' + sim_url), TIMEOUT,
                     'the LoRA card does not say the server has Mei\'s LoRA')
    changes = lkgui.wait_until(lambda: lkgui.find(inspector, lambda n: 'changes to the template'
                                                  in (n.name or '')), TIMEOUT,
                               'no preview of the workflow edits for Mei')
    lkgui.screenshot(os.path.join(shots, 'preferences-5-mei-checks.png'), frame)
    ok('Mei\'s LoRA is found on the server and the workflow edits are previewed (%s)'
       % changes.name)

    lkgui.check(psql("INSERT INTO ai_models (name, type, model_path) "
                     "VALUES ('rina_v1', 'lora', 'rina_v1.safetensors')", db).returncode == 0,
                'adding a LoRA from psql failed')
    lkgui.wait_until(lambda: lkgui.select_list_item(lst, 'Rina Suzuki'), TIMEOUT,
                     'could not select Rina Suzuki')
    assign = lkgui.wait_until(lambda: lkgui.find(inspector, lambda n: (n.name or '').startswith(
        'Assign LoRA') and lkgui.is_showing(n)), TIMEOUT,
        'the checks offer no way to assign Rina a LoRA')
    lkgui.screenshot(os.path.join(shots, 'preferences-6-rina-checks.png'), frame)
    assign.queryAction().doAction(0)
    models = lkgui.wait_until(lambda: lkgui.find(frame.parent, lambda n: n.name == 'LoRA models'),
                              TIMEOUT, 'the Assign LoRA popover lists no models')
    row = lkgui.wait_until(lambda: lkgui.find(models, lambda n: (n.name or '').startswith(
        'rina_v1') and n.getRoleName() == 'push button'), TIMEOUT,
        'the popover does not list rina_v1')
    row.queryAction().doAction(0)

    def assigned():
        out = psql("SELECT m.name FROM character_loras cl JOIN ai_models m ON m.id = cl.model_id "
                   "JOIN characters c ON c.id = cl.character_id "
                   "WHERE c.name = 'Rina Suzuki' AND cl.is_current", db)
        return out.stdout.strip()
    lkgui.wait_until(lambda: assigned() == 'rina_v1', TIMEOUT,
                     'assigning from the popover did not reach the catalog: %r' % assigned())
    lkgui.wait_until(lambda: find_text(inspector, 'rina_v1'), TIMEOUT,
                     'the inspector did not follow the assignment')
    ok('the checks\' Assign LoRA popover gives Rina her LoRA in the catalog')


def template_steps(frame, shots, db):
    """A profile without a workflow template: the checks say so and offer Pick Template, whose
    popover lists the catalog's templates with their kind; the choice lands in the catalog."""
    inspector = lkgui.find(frame, lambda n: n.name == 'Inspector' and n.getRoleName() == 'panel')
    lkgui.check(psql("UPDATE generation_profiles SET video_workflow_template_id = NULL "
                     "WHERE name = 'cyberpunk_anime'", db).returncode == 0,
                'clearing the profile\'s template from psql failed')
    lst = lkgui.wait_until(lambda: lkgui.find(frame, lambda n: n.name == 'Character List'
                                              and n.getRoleName() == 'list'),
                           TIMEOUT, 'the character list never appeared')
    lkgui.wait_until(lambda: lkgui.select_list_item(lst, 'Goblin Slayer'), TIMEOUT,
                     'could not select Goblin Slayer')
    pick = lkgui.wait_until(lambda: lkgui.find(inspector, lambda n: (n.name or '').startswith(
        'Pick Template') and lkgui.is_showing(n)), TIMEOUT,
        'the checks offer no way to give the profile a template')
    lkgui.screenshot(os.path.join(shots, 'preferences-6b-no-template.png'), frame)
    pick.queryAction().doAction(0)
    templates = lkgui.wait_until(lambda: lkgui.find(frame.parent, lambda n: n.name ==
                                                    'Workflow templates'),
                                 TIMEOUT, 'the Pick Template popover never opened')
    choice = lkgui.wait_until(lambda: lkgui.find(templates, lambda n: n.name ==
                                                 'anime_video_animatediff'
                                                 and n.getRoleName() == 'push button'),
                              TIMEOUT, 'the popover does not list anime_video_animatediff')
    lkgui.check(choice.description == 'Makes videos',
                'the video template is described as %r' % choice.description)
    still = lkgui.find(templates, lambda n: n.name == 'anime_still_sd15')
    lkgui.check(still is not None and still.description == 'Makes images',
                'the still template is missing or not described as making images')
    lkgui.screenshot(os.path.join(shots, 'preferences-6c-pick-template.png'))
    choice.queryAction().doAction(0)

    def stored():
        out = psql("SELECT t.name FROM generation_profiles gp "
                   "JOIN video_workflow_templates t ON t.id = gp.video_workflow_template_id "
                   "WHERE gp.name = 'cyberpunk_anime'", db)
        return out.stdout.strip()
    lkgui.wait_until(lambda: stored() == 'anime_video_animatediff', TIMEOUT,
                     'picking the template did not reach the catalog: %r' % stored())
    lkgui.wait_until(lambda: lkgui.find(inspector, lambda n: (n.name or '').startswith(
        'Pick Template') and lkgui.is_showing(n)) is None, TIMEOUT,
        'the checks still ask for a template')
    lkgui.screenshot(os.path.join(shots, 'preferences-6d-template-set.png'), frame)
    ok('the checks\' Pick Template popover lists the templates with their kind and gives the '
       'profile one in the catalog')


def trigger_steps(frame, shots, db):
    lst = lkgui.wait_until(lambda: lkgui.find(frame, lambda n: n.name == 'Character List'
                                              and n.getRoleName() == 'list'),
                           TIMEOUT, 'the character list never appeared')
    lkgui.wait_until(lambda: lkgui.select_list_item(lst, 'Mei Kobayashi'), TIMEOUT,
                     'could not select Mei Kobayashi')
    entry = lkgui.wait_until(lambda: find_entry(frame, 'Trigger Words (base)'), TIMEOUT,
                             'the LoRA card has no editable trigger words')
    clear_text(entry, KEY_T)
    set_text(entry, 'mei kobayashi,  red glasses, red glasses, office lady', KEY_T)

    def stored():
        out = psql("SELECT array_to_string (ts.words, '|') FROM lora_trigger_sets ts "
                   "JOIN model_details d ON d.lineage_id = ts.lineage_id "
                   "JOIN ai_models m ON m.id = d.model_id "
                   "WHERE m.name = 'mei_working_v1' AND ts.name = 'base'", db)
        return out.stdout.strip()
    lkgui.wait_until(lambda: stored() == 'mei kobayashi|red glasses|office lady', TIMEOUT,
                     'the edited trigger words are not in the catalog: %r' % stored())
    lkgui.screenshot(os.path.join(shots, 'preferences-4-trigger-words.png'), frame)
    ok('editing Mei\'s trigger words saves them to the catalog, trimmed and without repeats')


def main():
    if len(sys.argv) != 6:
        print(__doc__)
        return 2
    app_path, cli_path, sim_path, demo_lora, shots = sys.argv[1:6]
    lkgui.skip_unless_display()
    if shutil.which('psql') is None or psql('SELECT 1').returncode != 0:
        lkgui.skip('no PostgreSQL server reachable with libpq\'s defaults')
    os.makedirs(shots, exist_ok=True)

    db = 'lk_gui_%08x' % random.getrandbits(32)
    lkgui.check(psql('CREATE DATABASE %s' % db).returncode == 0, 'cannot create a database')
    root = tempfile.mkdtemp(prefix='lk-gui-preferences-')
    sim = None
    try:
        env = {'LORAKEET_DEMO_DIR': os.path.dirname(os.path.abspath(demo_lora))}
        demo = subprocess.run([cli_path, '--db', 'dbname=' + db, 'db', 'demo'],
                              env=dict(os.environ, **env), capture_output=True, text=True,
                              timeout=120)
        lkgui.check(demo.returncode == 0, 'installing the demo studio failed: %s' % demo.stderr)
        sim, sim_url = start_sim(sim_path, os.path.join(root, 'comfy'))

        folder = os.path.join(root, 'config', 'glib-2.0', 'settings')
        os.makedirs(folder)
        keyfile = os.path.join(folder, 'keyfile')
        with open(keyfile, 'w') as f:
            f.write("[io/github/lorakeet/Lorakeet]\ndatabase-conninfo='dbname=%s'\n"
                    "comfyui-servers=['%s']\nwindow-width=1024\nwindow-height=600\n"
                    % (db, sim_url))
        env.update({
            'GSETTINGS_BACKEND': 'keyfile',
            'XDG_CONFIG_HOME': os.path.join(root, 'config'),
            'XDG_DATA_HOME': os.path.join(root, 'data'),
            'XDG_CACHE_HOME': os.path.join(root, 'cache'),
        })
        os.environ.pop('LORAKEET_DB', None)

        print('1..10')
        with lkgui.Application(app_path, [], env) as app:
            frame = app.wait_for_frame('Lorakeet')
            inspector_steps(frame, shots, db, sim_url)
            template_steps(frame, shots, db)
            trigger_steps(frame, shots, db)
            preferences_steps(app, shots, sim_url, keyfile, db)
    finally:
        if sim is not None:
            sim.terminate()
            sim.wait(timeout=10)
        shutil.rmtree(root, ignore_errors=True)
        psql('DROP DATABASE IF EXISTS %s WITH (FORCE)' % db)
    return 0


if __name__ == '__main__':
    sys.exit(main())
