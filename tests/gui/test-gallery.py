#!/usr/bin/python3
# test-gallery.py
#
# Copyright 2026 The Lorakeet authors
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Starts the real application on a temporary ComfyUI output folder (noise renders the size
# of ComfyUI's portraits, a damaged PNG, a truncated PNG and, when GStreamer can encode one,
# a short H.264 clip), then checks through the accessibility tree that the gallery lists
# every output with a reason on the broken ones, that the viewer opens a frame and steps to
# the next one with the arrow key, and that a frame written while the app runs appears.
# Screenshots of the grid and the viewer go to SCREENSHOT-DIR.
#
# Usage: test-gallery.py PATH/TO/lorakeet SCREENSHOT-DIR
# Exit 77 (skipped) when there is no display or no accessibility stack.

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import lkgui  # noqa: E402

WIDTH, HEIGHT = 832, 1216
BASE_TIME = 1767225600  # 2026-01-01, so the order of the outputs is known


def noise_png(path, seed, mtime):
    """A ComfyUI-like render: smooth colour plus noise, with a `prompt` text chunk."""
    import gi
    gi.require_version('GdkPixbuf', '2.0')
    from gi.repository import GdkPixbuf, GLib
    import random
    rng = random.Random(seed)
    row = bytearray()
    for x in range(WIDTH):
        row += bytes((x * 255 // WIDTH, (seed * 60) % 256, 255 - x * 255 // WIDTH))
    # Low bits of noise on every pixel, like a sampler's grain: PNG compresses it poorly,
    # as it does ComfyUI's renders.
    noise = rng.randbytes(len(row) * 16)
    data = bytearray()
    for y in range(HEIGHT):
        start = (y * 131) % (len(noise) - len(row))
        data += bytes(a ^ (b & 0x0f) for a, b in zip(row, noise[start:start + len(row)]))
    pixbuf = GdkPixbuf.Pixbuf.new_from_bytes(GLib.Bytes.new(bytes(data)),
                                             GdkPixbuf.Colorspace.RGB, False, 8,
                                             WIDTH, HEIGHT, WIDTH * 3)
    prompt = json.dumps({
        '4': {'class_type': 'CheckpointLoaderSimple',
              'inputs': {'ckpt_name': 'animagine-xl-3.1.safetensors'}},
        '10': {'class_type': 'LoraLoader',
               'inputs': {'lora_name': 'mika_v2.safetensors', 'strength_model': 0.8,
                          'strength_clip': 0.8, 'model': ['4', 0], 'clip': ['4', 1]}},
        '6': {'class_type': 'CLIPTextEncode',
              'inputs': {'text': 'mika, 1girl, silver hair, school uniform', 'clip': ['10', 1]}},
        '7': {'class_type': 'CLIPTextEncode',
              'inputs': {'text': 'lowres, bad hands', 'clip': ['10', 1]}},
        '3': {'class_type': 'KSampler',
              'inputs': {'seed': 1000 + seed, 'steps': 28, 'cfg': 7.0, 'sampler_name': 'euler',
                         'scheduler': 'normal', 'denoise': 1.0, 'model': ['10', 0],
                         'positive': ['6', 0], 'negative': ['7', 0]}}})
    pixbuf.savev(path, 'png', ['tEXt::prompt', 'compression'], [prompt, '4'])
    os.utime(path, (mtime, mtime))


def make_outputs(folder):
    """Returns (names of good images, name of the damaged PNG, of the truncated one, of the
    clip or None), newest first."""
    images = []
    for i in range(4):
        name = 'anime_image_%d_%05d_.png' % (BASE_TIME + i, 1)
        noise_png(os.path.join(folder, name), i + 1, BASE_TIME + i)
        images.insert(0, name)

    with open(os.path.join(folder, images[0]), 'rb') as f:
        good = f.read()

    damaged = 'anime_image_%d_00001_.png' % (BASE_TIME - 10)
    broken = bytearray(good)
    for i in range(len(broken) // 3, len(broken) // 3 + 4096):
        broken[i] ^= 0x5a
    with open(os.path.join(folder, damaged), 'wb') as f:
        f.write(broken)
    os.utime(os.path.join(folder, damaged), (BASE_TIME - 10, BASE_TIME - 10))

    truncated = 'anime_image_%d_00001_.png' % (BASE_TIME - 20)
    with open(os.path.join(folder, truncated), 'wb') as f:
        f.write(good[:len(good) // 2])
    os.utime(os.path.join(folder, truncated), (BASE_TIME - 20, BASE_TIME - 20))

    clip = None
    launcher = shutil.which('gst-launch-1.0')
    if launcher:
        name = 'anime_video_%d_00001.mp4' % (BASE_TIME - 30)
        path = os.path.join(folder, name)
        proc = subprocess.run([launcher, '-q', 'videotestsrc', 'num-buffers=48', '!',
                               'video/x-raw,width=320,height=480,framerate=24/1', '!',
                               'x264enc', '!', 'mp4mux', '!', 'filesink', 'location=' + path],
                              capture_output=True, timeout=60)
        if proc.returncode == 0 and os.path.getsize(path) > 0:
            os.utime(path, (BASE_TIME - 30, BASE_TIME - 30))
            clip = name
        else:
            print('# no H.264 encoder, the clip is left out')
            if os.path.exists(path):
                os.unlink(path)
    return images, damaged, truncated, clip


def tiles(frame):
    """The gallery's tiles: images named after their output file."""
    import pyatspi
    found = []
    queue = [frame]
    seen = 0
    while queue and seen < 20000:
        node = queue.pop(0)
        seen += 1
        try:
            if node.getRole() == pyatspi.ROLE_IMAGE and (node.name or '').startswith('anime_'):
                found.append(node)
                continue
            queue.extend(node.getChildAtIndex(i) for i in range(node.childCount))
        except Exception:
            continue
    return found


def wait_until(what, predicate, timeout):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.25)
    lkgui.check(False, '%s within %.0f s' % (what, timeout))


def tile_named(frame, name):
    for tile in tiles(frame):
        if tile.name == name or tile.name.startswith(name + ','):
            return tile
    return None


def press(keysym_name):
    import pyatspi
    keyval = {'Return': 0xff0d, 'Right': 0xff53, 'Left': 0xff51, 'Escape': 0xff1b,
              'End': 0xff57, 'a': 0x61}[keysym_name]
    pyatspi.Registry.generateKeyboardEvent(keyval, None, pyatspi.KEY_SYM)
    time.sleep(0.3)


def click(node, double=False):
    import pyatspi
    box = node.queryComponent().getExtents(pyatspi.WINDOW_COORDS)
    x, y = box.x + box.width // 2, box.y + box.height // 2
    pyatspi.Registry.generateMouseEvent(x, y, 'b1d' if double else 'b1c')
    time.sleep(0.3)


def main():
    if len(sys.argv) != 3:
        print(__doc__)
        return 2
    app_path, shots = sys.argv[1], sys.argv[2]
    lkgui.skip_unless_display()
    os.makedirs(shots, exist_ok=True)

    with tempfile.TemporaryDirectory(prefix='lk-gallery-') as tmp:
        folder = os.path.join(tmp, 'output')
        os.makedirs(folder)
        images, damaged, truncated, clip = make_outputs(folder)

        config = os.path.join(tmp, 'config')
        os.makedirs(os.path.join(config, 'glib-2.0', 'settings'))
        with open(os.path.join(config, 'glib-2.0', 'settings', 'keyfile'), 'w') as f:
            f.write('[io/github/lorakeet/Lorakeet]\n')
            f.write("output-folder='%s'\n" % folder.replace("'", "\\'"))
            f.write("window-width=1500\nwindow-height=950\n")
        # Xvfb has only software GL: drawing the whole window with it for each video frame
        # takes both cores and leaves accessibility calls waiting for seconds. Cairo redraws
        # only the player; the video itself still goes through GStreamer's GL sink.
        env = {'GSK_RENDERER': 'cairo',
               'GSETTINGS_BACKEND': 'keyfile', 'XDG_CONFIG_HOME': config,
               'XDG_CACHE_HOME': os.path.join(tmp, 'cache'),
               'XDG_DATA_HOME': os.path.join(tmp, 'data')}

        print('1..7')
        import pyatspi
        with lkgui.Application(app_path, env=env) as app:
            frame = app.wait_for_frame('Lorakeet')
            expected = len(images) + 2 + (1 if clip else 0)
            # A truncated file is held back for about ten seconds in case its writer is
            # still busy, then shown so that the tile can say what is wrong.
            wait_until('%d tiles did not appear' % expected,
                       lambda: len(tiles(frame)) >= expected, 40)
            names = sorted(t.name for t in tiles(frame))
            lkgui.check(len(names) == expected, 'expected %d tiles, found %r' % (expected, names))
            print('ok 1 - the gallery lists all %d outputs' % expected)

            broken = wait_until('the damaged PNG was not marked broken',
                                lambda: (tile_named(frame, damaged) or None) and
                                ', broken: ' in tile_named(frame, damaged).name
                                and tile_named(frame, damaged), 30)
            reason = broken.name.split(', broken: ', 1)[1]
            lkgui.check(len(reason) > 5, 'the broken tile gives no reason: %r' % broken.name)
            cut = wait_until('the truncated PNG was not marked broken',
                             lambda: (tile_named(frame, truncated) or None) and
                             ', broken: ' in tile_named(frame, truncated).name
                             and tile_named(frame, truncated), 30)
            for name in images:
                tile = tile_named(frame, name)
                lkgui.check(tile is not None and 'broken' not in tile.name,
                            'good render %s shown as %r' % (name, tile and tile.name))
            print('ok 2 - damaged and truncated PNGs are broken tiles with a reason (%s / %s)'
                  % (reason, cut.name.split(', broken: ', 1)[1]))
            time.sleep(1.0)  # let the last thumbnails fade in
            lkgui.screenshot(os.path.join(shots, 'gallery-grid.png'), frame)

            click(tile_named(frame, images[0]), double=True)
            viewer = wait_until('the viewer did not open',
                                lambda: lkgui.find(frame, lambda n: n.name == 'Viewer' and
                                                   lkgui.is_showing(n)), 10)
            shown = wait_until('the viewer does not show %s' % images[0],
                               lambda: lkgui.find(viewer, lambda n: n.name == images[0] and
                                                  lkgui.is_showing(n)), 10)
            lkgui.check(shown is not None, 'no picture in the viewer')
            wait_until('the side panel does not show the LoRA of the frame',
                       lambda: lkgui.find(viewer, lambda n: 'mika_v2.safetensors' in
                                          (n.name or '') + (n.description or '')), 10)
            time.sleep(1.0)
            lkgui.screenshot(os.path.join(shots, 'gallery-viewer.png'), frame)
            press('Right')
            wait_until('Right did not step to %s' % images[1],
                       lambda: lkgui.find(viewer, lambda n: n.name == images[1] and
                                          lkgui.is_showing(n)), 10)
            print('ok 3 - the viewer opens a frame and Right steps to the next one')

            press('a')
            wait_until('A did not approve %s' % images[1],
                       lambda: lkgui.find(viewer, lambda n: n.name == 'Approved' and
                                          lkgui.is_showing(n)), 10)
            press('Escape')
            wait_until('Escape did not return to the grid',
                       lambda: not lkgui.is_showing(viewer), 10)
            wait_until('the approved tile is not marked',
                       lambda: (tile_named(frame, images[1]) or None) and
                       tile_named(frame, images[1]).name.endswith(', approved'), 10)
            print('ok 4 - A approves the frame in the viewer, Escape goes back to the grid')

            if clip is None:
                print('ok 5 # SKIP no H.264 encoder to make a clip')
            else:
                # The clip is the oldest output, on the last row, which may be below the
                # window's edge: End moves the grid's focus to it, Return opens it.
                press('End')
                press('Return')
                player = wait_until('the viewer does not play %s' % clip,
                                    lambda: lkgui.find(viewer, lambda n: n.name == clip and
                                                       n.getRole() not in (pyatspi.ROLE_IMAGE,
                                                                           pyatspi.ROLE_LABEL)
                                                       and lkgui.is_showing(n)), 10)
                time.sleep(1.5)
                shot = os.path.join(shots, 'gallery-video.png')
                lkgui.screenshot(shot, frame)
                # The clip is colour bars: a black player means no video sink was found
                # (GStreamer's GL plugin missing), which GTK reports only as a warning.
                brightness = lkgui.mean_brightness(shot, player)
                lkgui.check(brightness > 0.1, 'the video player shows no picture (mean '
                            'brightness %.3f)' % brightness)
                press('Escape')
                wait_until('Escape did not leave the clip',
                           lambda: not lkgui.is_showing(viewer), 10)
                print('ok 5 - a clip plays in the video player (mean brightness %.2f)'
                      % brightness)

            new = 'anime_image_%d_00001_.png' % (BASE_TIME + 100)
            partial = os.path.join(tmp, new)
            noise_png(partial, 99, BASE_TIME + 100)
            os.rename(partial, os.path.join(folder, new))
            wait_until('the new frame did not appear', lambda: tile_named(frame, new), 10)
            print('ok 6 - a frame written while Lorakeet runs appears in the grid')

            # The shared thumbnail folder becomes unusable (here a file stands where the
            # folder was, which stops the super-user too): new frames still get thumbnails,
            # and the strip above the grid says why they are not saved and what to do.
            large = os.path.join(tmp, 'cache', 'thumbnails', 'large')
            os.rename(large, large + '.moved')
            with open(large, 'w'):
                pass

            def add_frame(offset, seed):
                name = 'anime_image_%d_00001_.png' % (BASE_TIME + offset)
                noise_png(os.path.join(tmp, name), seed, BASE_TIME + offset)
                os.rename(os.path.join(tmp, name), os.path.join(folder, name))
                wait_until('%s did not appear' % name, lambda: tile_named(frame, name), 10)
                return name

            def cache_problem():
                # The strip's label; a tile made meanwhile also says it in its warning icon.
                return lkgui.find(frame, lambda n: n.getRole() == pyatspi.ROLE_LABEL and
                                  'Cannot save thumbnails' in (n.name or '') and
                                  lkgui.is_showing(n))

            unsaved = add_frame(200, 98)
            problem = wait_until('no problem shown for an unwritable thumbnail folder',
                                 cache_problem, 10)
            lkgui.check(large in problem.name and 'Make that folder writable' in problem.name,
                        'the cache problem names neither the folder nor the fix: %r'
                        % problem.name)
            lkgui.check('broken' not in tile_named(frame, unsaved).name,
                        'a frame whose thumbnail cannot be saved is shown broken')
            time.sleep(0.5)
            lkgui.screenshot(os.path.join(shots, 'gallery-cache-problem.png'), frame)

            os.unlink(large)
            os.rename(large + '.moved', large)
            add_frame(300, 97)
            wait_until('the problem stayed after the folder was fixed',
                       lambda: cache_problem() is None, 10)
            print('ok 7 - an unwritable thumbnail folder is named with its fix, then cleared')
    return 0


if __name__ == '__main__':
    sys.exit(main())
