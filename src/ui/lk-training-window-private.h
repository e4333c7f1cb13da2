/* lk-training-window-private.h
 *
 * Copyright 2026 The Lorakeet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "lk-catalog-training.h"
#include "lk-generator.h"
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
  GPtrArray            *image_rows;
  GPtrArray            *lint_rows;
  char                 *export_dir;
  char                **command;
  LkGenerator          *generator;
  LkTrainingInfo       *info;
  GListModel           *references;
  GPtrArray            *outfit_rows;
  GBinding             *generator_binding;  /* weak: follows the application's generator */

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
  GtkButton            *validate_button;
  AdwPreferencesGroup  *outfits_group;
  AdwEntryRow          *outfit_entry;

  /* Owned by lk-training-window-run.c */
  AdwActionRow         *last_run_row;
  gulong                close_request_id;

  guint                 busy : 1;
  guint                 has_lora : 1;
  guint                 checking_lora : 1;
  guint                 was_busy : 1;
};

void  _lk_training_window_toast          (LkTrainingWindow *self,
                                          const char       *message);
char *_lk_training_window_dup_setting    (LkTrainingWindow *self,
                                          const char       *key);
void  _lk_training_window_update_actions (LkTrainingWindow *self);
void  _lk_training_window_rebuild_set    (LkTrainingWindow *self);

/* lk-training-window-outfits.c: the character's stored outfit triggers */
void  _lk_training_window_init_outfits   (LkTrainingWindow *self);
void  _lk_training_window_fill_outfits   (LkTrainingWindow *self);
void  _lk_training_window_watch_outfits  (LkTrainingWindow *self);

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
/* Finds the character's latest run: follows it again when it is running on this computer,
 * else shows how it went. Call once the window has its catalog and character. */
void  _lk_training_window_follow_runs    (LkTrainingWindow *self);

G_END_DECLS
