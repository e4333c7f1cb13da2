/* lk-trainer-progress.h
 *
 * Copyright 2026 The Lorakeet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * LkTrainerProgress:
 * @step: the optimisation step, -1 when the line has none
 * @total_steps: the number of steps, -1 when the line has none
 * @epoch: the epoch, -1 when the line has none
 * @total_epochs: the number of epochs, -1 when the line has none
 * @loss: the average loss, a negative number when the line has none
 *
 * What one line of sd-scripts' output says about its progress.
 */
typedef struct
{
  gint64 step;
  gint64 total_steps;
  int    epoch;
  int    total_epochs;
  double loss;
} LkTrainerProgress;

/**
 * lk_trainer_parse_line:
 * @line: one line of the trainer's output (split at `\n` and at tqdm's `\r`)
 * @progress: (out): what the line says; fields it does not mention are -1
 *
 * Parses the lines of sd-scripts' `train_network.py` that carry progress:
 *
 * - `epoch 3/10` (also with leading spaces): the epoch starting;
 * - tqdm's bar, `steps:  45%|####5     | 45/100 [00:10<00:12,  4.50it/s, avr_loss=0.0812]`:
 *   `STEP/TOTAL` is the first `N/M` before ` [`, and the loss is the value of `avr_loss=`
 *   (or `loss=`) inside the brackets;
 * - `  total optimization steps / …: 300`: the total before the first bar is drawn.
 *
 * Returns: %TRUE when @line carried any progress
 */
gboolean lk_trainer_parse_line (const char        *line,
                                LkTrainerProgress *progress);

G_END_DECLS
