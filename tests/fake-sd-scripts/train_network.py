#!/usr/bin/env python3
# train_network.py — a stand-in for kohya's sd-scripts trainer, for tests.
#
# Copyright 2026 The Lorakeet authors
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Reads the same arguments and dataset_config.toml as sd-scripts, prints progress the way
# sd-scripts does (an "epoch N/M" line per epoch, tqdm "steps:" bars redrawn with \r and
# ending with "avr_loss=…"), and writes a small but valid LoRA .safetensors with kohya's
# ss_* metadata. Environment:
#   LORAKEET_FAKE_TRAINER_FAIL=1      exit 1 with a Python traceback after the first epoch
#   LORAKEET_FAKE_TRAINER_NO_OUTPUT=1 exit 0 without writing the LoRA
#   LORAKEET_FAKE_TRAINER_STEP_DELAY  seconds to sleep per step (default 0.01)

import argparse
import json
import os
import struct
import sys
import time
import tomllib
import uuid


def parse_args():
    parser = argparse.ArgumentParser()
    parser.add_argument('--pretrained_model_name_or_path', required=True)
    parser.add_argument('--dataset_config', required=True)
    parser.add_argument('--output_dir', required=True)
    parser.add_argument('--output_name', required=True)
    parser.add_argument('--network_dim', type=int, default=4)
    parser.add_argument('--network_alpha', type=float, default=1)
    parser.add_argument('--max_train_epochs', type=int, default=1)
    args, _unknown = parser.parse_known_args()
    return args


def read_dataset(path):
    with open(path, 'rb') as f:
        config = tomllib.load(f)
    subsets = []
    tags = {}
    resolution = config['datasets'][0].get('resolution', 512)
    for subset in config['datasets'][0]['subsets']:
        folder = subset['image_dir']
        counts = {}
        images = 0
        for name in sorted(os.listdir(folder)):
            if name.endswith('.txt'):
                with open(os.path.join(folder, name), encoding='utf-8') as f:
                    for tag in f.readline().split(','):
                        tag = tag.strip()
                        if tag:
                            counts[tag] = counts.get(tag, 0) + 1
            else:
                images += 1
        subsets.append((images, subset['num_repeats']))
        tags[os.path.basename(folder)] = counts
    return subsets, tags, resolution


def write_lora(path, args, tags, steps, resolution):
    dim = args.network_dim
    tensors = {}
    blobs = []
    offset = 0
    for name, shape in (('lora_unet_down_blocks_0_attn1_to_q.lora_down.weight', [dim, 8]),
                        ('lora_unet_down_blocks_0_attn1_to_q.lora_up.weight', [8, dim]),
                        ('lora_unet_down_blocks_0_attn1_to_q.alpha', [])):
        count = 1
        for d in shape:
            count *= d
        data = struct.pack('<%df' % count, *([0.01] * count))
        tensors[name] = {'dtype': 'F32', 'shape': shape,
                         'data_offsets': [offset, offset + len(data)]}
        blobs.append(data)
        offset += len(data)
    metadata = {
        'ss_output_name': args.output_name,
        'ss_network_module': 'networks.lora',
        'ss_network_dim': str(dim),
        'ss_network_alpha': str(args.network_alpha),
        'ss_num_epochs': str(args.max_train_epochs),
        'ss_epoch': str(args.max_train_epochs),
        'ss_steps': str(steps),
        'ss_max_train_steps': str(steps),
        'ss_resolution': '(%d, %d)' % (resolution, resolution),
        'ss_sd_model_name': os.path.basename(args.pretrained_model_name_or_path),
        'ss_base_model_version': 'sd_v1',
        'ss_session_id': str(uuid.uuid4().int % 2**31),
        'ss_training_started_at': str(time.time()),
        'ss_tag_frequency': json.dumps(tags),
    }
    tensors['__metadata__'] = metadata
    header = json.dumps(tensors).encode('utf-8')
    header += b' ' * ((8 - len(header) % 8) % 8)
    tmp = path + '.part'
    with open(tmp, 'wb') as f:
        f.write(struct.pack('<Q', len(header)))
        f.write(header)
        for blob in blobs:
            f.write(blob)
    os.rename(tmp, path)


def main():
    args = parse_args()
    subsets, tags, resolution = read_dataset(args.dataset_config)
    per_epoch = sum(images * repeats for images, repeats in subsets)
    total = per_epoch * args.max_train_epochs
    delay = float(os.environ.get('LORAKEET_FAKE_TRAINER_STEP_DELAY', '0.01'))

    print('prepare tokenizer', flush=True)
    print('running training / 学習開始', flush=True)
    print('  num train images * repeats / 学習画像の数×繰り返し回数: %d' % per_epoch, flush=True)
    print('  num epochs / epoch数: %d' % args.max_train_epochs, flush=True)
    print('  total optimization steps / 学習ステップ数: %d' % total, flush=True)

    step = 0
    loss = 0.2
    for epoch in range(1, args.max_train_epochs + 1):
        print('\nepoch %d/%d' % (epoch, args.max_train_epochs), flush=True)
        for _ in range(per_epoch):
            step += 1
            loss *= 0.995
            percent = step * 100 // total
            bar = '#' * (percent // 10)
            sys.stdout.write('\rsteps: %3d%%|%-10s| %d/%d [00:01<00:02, 4.20it/s, avr_loss=%.4f]'
                             % (percent, bar, step, total, loss))
            sys.stdout.flush()
            time.sleep(delay)
        sys.stdout.write('\n')
        if os.environ.get('LORAKEET_FAKE_TRAINER_FAIL') == '1':
            sys.stdout.flush()
            print('Traceback (most recent call last):', flush=True)
            print('  File "train_network.py", line 1012, in train', flush=True)
            print('torch.cuda.OutOfMemoryError: CUDA out of memory.', flush=True)
            return 1

    if os.environ.get('LORAKEET_FAKE_TRAINER_NO_OUTPUT') != '1':
        os.makedirs(args.output_dir, exist_ok=True)
        path = os.path.join(args.output_dir, args.output_name + '.safetensors')
        write_lora(path, args, tags, total, resolution)
        print('model saved.', flush=True)
    return 0


if __name__ == '__main__':
    sys.exit(main())
