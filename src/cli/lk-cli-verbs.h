/* lk-cli-verbs.h
 *
 * Copyright 2026 The Lorakeet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "lk-cli.h"

G_BEGIN_DECLS

/* Each area's verbs, implemented in lk-cli-<area>.c. Add the declaration here and one line
 * to LK_CLI_VERBS (name, function, one-line summary marked with N_()). */

int lk_cli_db         (LkCliContext *ctx, int argc, char **argv);
int lk_cli_characters (LkCliContext *ctx, int argc, char **argv);
int lk_cli_inspect    (LkCliContext *ctx, int argc, char **argv);
int lk_cli_lora       (LkCliContext *ctx, int argc, char **argv);
int lk_cli_thumbnails (LkCliContext *ctx, int argc, char **argv);
int lk_cli_provenance (LkCliContext *ctx, int argc, char **argv);
int lk_cli_outputs    (LkCliContext *ctx, int argc, char **argv);
int lk_cli_review     (LkCliContext *ctx, int argc, char **argv);
int lk_cli_generate   (LkCliContext *ctx, int argc, char **argv);
int lk_cli_check      (LkCliContext *ctx, int argc, char **argv);
int lk_cli_jobs       (LkCliContext *ctx, int argc, char **argv);
int lk_cli_cancel     (LkCliContext *ctx, int argc, char **argv);
int lk_cli_template   (LkCliContext *ctx, int argc, char **argv);
int lk_cli_references (LkCliContext *ctx, int argc, char **argv);
int lk_cli_train      (LkCliContext *ctx, int argc, char **argv);
int lk_cli_consistency (LkCliContext *ctx, int argc, char **argv);
int lk_cli_validate   (LkCliContext *ctx, int argc, char **argv);

/* `train outfit …`, dispatched by lk_cli_train() (lk-cli-train-outfits.c) */
int lk_cli_train_outfits (LkCliContext *ctx, int argc, char **argv);

#define LK_CLI_VERBS \
  { "db", lk_cli_db, N_("Show (status), migrate or fill (demo) the studio catalog") }, \
  { "characters", lk_cli_characters, N_("List characters with their profile and LoRA") }, \
  { "inspect", lk_cli_inspect, N_("Show what a character is generated with") }, \
  { "lora", lk_cli_lora, N_("Assign a LoRA to a character, or scan a LoRA folder") }, \
  { "thumbnails", lk_cli_thumbnails, N_("Fill the thumbnail cache for a folder of outputs") }, \
  { "provenance", lk_cli_provenance, N_("Show which checkpoint, LoRA and prompt made a frame") }, \
  { "outputs", lk_cli_outputs, N_("List recorded outputs with their character and review") }, \
  { "review", lk_cli_review, N_("Approve, reject, rate or annotate a frame") }, \
  { "generate", lk_cli_generate, N_("Generate a character (or a project) on ComfyUI") }, \
  { "check", lk_cli_check, N_("Run the troubleshooting checks for characters") }, \
  { "jobs", lk_cli_jobs, N_("List generation jobs and their outputs") }, \
  { "cancel", lk_cli_cancel, N_("Cancel a generation job") }, \
  { "template", lk_cli_template, N_("Import a workflow template, or check one") }, \
  { "references", lk_cli_references, N_("Add, list or remove a character's reference images") }, \
  { "train", lk_cli_train, N_("Export a training set for kohya, or train a character's LoRA") }, \
  { "consistency", lk_cli_consistency, N_("Score a character’s frames, outliers first") }, \
  { "validate", lk_cli_validate, N_("Generate a LoRA’s validation grid over seeds and strengths") }, \
  /* end of verbs */

G_END_DECLS
