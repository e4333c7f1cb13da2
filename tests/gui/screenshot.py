#!/usr/bin/python3
# screenshot.py
#
# Copyright 2026 The Lorakeet authors
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Renders the real main window under Xvfb into a PNG for README and the metainfo: the demo
# studio in a throwaway PostgreSQL (./dev screenshot runs this inside pg_virtualenv), Mei
# Kobayashi selected, the ComfyUI simulator online, and a gallery of ComfyUI-like frames made
# with her LoRA.
# Usage: screenshot.py PATH/TO/lorakeet PATH/TO/lorakeet-cli PATH/TO/lk-comfy-sim OUTPUT.png

import json
import os
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import lkgui  # noqa: E402

WIDTH, HEIGHT = 512, 768


def frame_png(path, seed, mtime):
    """A small render-like picture carrying the prompt Lorakeet would have sent for Mei."""
    import gi
    gi.require_version('GdkPixbuf', '2.0')
    from gi.repository import GdkPixbuf, GLib
    import random
    rng = random.Random(seed)
    base = [(230, 170, 190), (150, 180, 230), (240, 200, 140), (170, 220, 190)][seed % 4]
    data = bytearray()
    for y in range(HEIGHT):
        shade = y * 90 // HEIGHT
        row = bytes((max(0, base[0] - shade), max(0, base[1] - shade),
                     max(0, base[2] - shade // 2)) * WIDTH)
        # Low bits of grain on every pixel, like a sampler's noise.
        noise = rng.randbytes(len(row))
        data += bytes(a ^ (b & 0x0f) for a, b in zip(row, noise))
    pixbuf = GdkPixbuf.Pixbuf.new_from_bytes(GLib.Bytes.new(bytes(data)),
                                             GdkPixbuf.Colorspace.RGB, False, 8,
                                             WIDTH, HEIGHT, WIDTH * 3)
    prompt = json.dumps({
        '4': {'class_type': 'CheckpointLoaderSimple',
              'inputs': {'ckpt_name': 'realisticVisionV51_v51VAE.safetensors'}},
        '10': {'class_type': 'LoraLoader',
               'inputs': {'lora_name': 'mei_working_v1.safetensors', 'strength_model': 0.8,
                          'strength_clip': 0.8, 'model': ['4', 0], 'clip': ['4', 1]}},
        '6': {'class_type': 'CLIPTextEncode',
              'inputs': {'text': 'mei kobayashi, 1girl, black hair, office lady, glasses',
                         'clip': ['10', 1]}},
        '7': {'class_type': 'CLIPTextEncode', 'inputs': {'text': 'lowres', 'clip': ['10', 1]}},
        '5': {'class_type': 'EmptyLatentImage',
              'inputs': {'width': WIDTH, 'height': HEIGHT, 'batch_size': 1}},
        '3': {'class_type': 'KSampler',
              'inputs': {'seed': 5000 + seed, 'steps': 25, 'cfg': 7.0, 'sampler_name': 'euler',
                         'scheduler': 'normal', 'denoise': 1.0, 'model': ['10', 0],
                         'positive': ['6', 0], 'negative': ['7', 0], 'latent_image': ['5', 0]}}})
    pixbuf.savev(path, 'png', ['tEXt::prompt'], [prompt])
    os.utime(path, (mtime, mtime))


def main():
    app_path, cli_path, sim_path, output = sys.argv[1:5]
    lkgui.skip_unless_display()
    if not os.environ.get('PGHOST'):
        lkgui.skip('no PostgreSQL (./dev screenshot runs this inside pg_virtualenv)')

    conninfo = 'dbname=postgres'
    subprocess.run([cli_path, '--db', conninfo, 'db', 'demo'], check=True,
                   stdout=subprocess.DEVNULL)

    with tempfile.TemporaryDirectory(prefix='lk-screenshot-') as tmp:
        folder = os.path.join(tmp, 'output')
        os.makedirs(folder)
        now = int(time.time())
        for i in range(8):
            frame_png(os.path.join(folder, 'anime_image_%d_%05d_.png' % (now, i + 1)), i,
                      now - i * 60)
        # A ComfyUI to talk to, so that the window shows what an artist sees at work.
        sim = subprocess.Popen([sim_path, '--port', '0', '--demo-models',
                                '--base-dir', os.path.join(tmp, 'comfy')],
                               stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
        line = sim.stdout.readline().strip()
        lkgui.check(line.startswith('listening on '), 'the simulator did not start: %r' % line)
        server = line[len('listening on '):]
        config = os.path.join(tmp, 'config', 'glib-2.0', 'settings')
        os.makedirs(config)
        with open(os.path.join(config, 'keyfile'), 'w') as f:
            f.write('[io/github/lorakeet/Lorakeet]\n'
                    "output-folder='%s'\ncomfyui-servers=['%s']\n"
                    'window-width=1400\nwindow-height=860\n' % (folder, server))
        env = {'GSETTINGS_BACKEND': 'keyfile', 'XDG_CONFIG_HOME': os.path.join(tmp, 'config'),
               'XDG_CACHE_HOME': os.path.join(tmp, 'cache'),
               'XDG_DATA_HOME': os.path.join(tmp, 'data')}

        with lkgui.Application(app_path, ['--db', conninfo], env) as app:
            frame = app.wait_for_frame('Lorakeet')
            characters = lkgui.wait_until(
                lambda: lkgui.find(frame, lambda n: n.name == 'Character List'
                                   and n.getRoleName() == 'list'),
                30, 'the character list never appeared')
            lkgui.wait_until(lambda: lkgui.select_list_item(characters, 'Mei Kobayashi'),
                             30, 'Mei Kobayashi could not be selected')
            lkgui.wait_until(lambda: lkgui.find_named(frame, 'mei_working_v1') is not None,
                             30, 'the inspector never showed her LoRA')
            # The frames are not in the catalog: show every character's outputs.
            every = lkgui.wait_until(lambda: lkgui.find_named(frame, 'All Characters'),
                                     30, 'no "All Characters" toggle in the gallery')
            every.queryAction().doAction(0)
            # Xvfb starts with the pointer in the middle of the screen, over a tile, whose
            # tooltip would be in the picture: rest it on the empty end of the sidebar.
            import pyatspi
            pyatspi.Registry.generateMouseEvent(150, 800, 'abs')
            time.sleep(3)  # thumbnails fill in, the server answers
            lkgui.screenshot(output, frame)
        sim.terminate()
        sim.wait(timeout=10)
    print('wrote %s' % output)


if __name__ == '__main__':
    main()
