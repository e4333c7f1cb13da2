/* lk-training-window-private.h
 *
 * Copyright 2026 The Lorakeet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "lk-trainer-run.h"
#include "lk-training-set.h"
#include "lk-training-window.h"

G_BEGIN_DECLS


struct _LkTrainingWindow
{
  AdwWindow             parent_instance;

  /* Owned */
  LkCatalog            *catalog;
  LkCharacter          *character;
  LkTrainingSet        *set;
  LkTrainerRun         *run;
  GSettings            *settings;
  GCancellable         *cancellable;
  GCancellable         *run_cancellable;
  GPtrArray            *image_rows;
  GPtrArray            *lint_rows;
  char                 *export_dir;
  char                **command;

  /* Template widgets */
  AdwToastOverlay      *toast_overlay;
  AdwWindowTitle       *window_title;
  AdwPreferencesGroup  *progress_group;
  AdwPreferencesGroup  *images_group;
  AdwPreferencesGroup  *lint_group;
  AdwActionRow         *folder_row;
  GtkProgressBar       *progress_bar;
  GtkTextView          *log_view;
  GtkSpinButton        *repeats_spin;
  GtkSpinButton        *epochs_spin;
  GtkSpinButton        *dim_spin;
  GtkLabel             *command_label;

  guint                 busy : 1;
};

void  _lk_training_window_toast          (LkTrainingWindow *self,
                                          const char       *message);
char *_lk_training_window_dup_setting    (LkTrainingWindow *self,
                                          const char       *key);
void  _lk_training_window_update_actions (LkTrainingWindow *self);

/* lk-training-window-run.c: exporting and running the trainer */
void  _lk_training_window_export_action  (GtkWidget        *widget,
                                          const char       *action_name,
                                          GVariant         *parameter);
void  _lk_training_window_run_action     (GtkWidget        *widget,
                                          const char       *action_name,
                                          GVariant         *parameter);
void  _lk_training_window_cancel_action  (GtkWidget        *widget,
                                          const char       *action_name,
                                          GVariant         *parameter);

G_END_DECLS
