/* lk-viewer-private.h
 *
 * Copyright 2026 The Lorakeet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "lk-viewer.h"
#include "lk-viewer-character.h"
#include "lk-viewer-compare.h"
#include "lk-viewer-job.h"

G_BEGIN_DECLS

struct _LkViewer
{
  GtkWidget        parent_instance;

  /* Owned */
  LkOutputItem    *item;
  LkThumbnailer   *thumbnailer;
  GCancellable    *cancellable;
  LkCatalog       *catalog;
  GdkTexture      *texture;
  char            *note;
  LkCharacter     *character;

  /* Template widgets */
  GtkLabel        *title_label;
  GtkLabel        *review_label;
  GtkLabel        *position_label;
  GtkWidget       *zoom_box;
  GtkLabel        *zoom_label;
  GtkStack        *stack;
  GtkScrolledWindow *scroller;
  GtkPicture      *picture;
  GtkVideo        *video;
  AdwStatusPage   *broken_page;
  AdwActionRow    *name_row;
  AdwActionRow    *folder_row;
  AdwActionRow    *date_row;
  AdwActionRow    *size_row;
  AdwActionRow    *dimensions_row;
  GtkWidget       *embedded_group;
  AdwActionRow    *keys_row;
  AdwActionRow    *png_warnings_row;
  GtkWidget       *provenance_group;
  LkViewerJob     *job_group;
  AdwPreferencesGroup *review_group;
  AdwActionRow    *summary_row;
  AdwActionRow    *checkpoint_row;
  AdwActionRow    *loras_row;
  AdwActionRow    *seed_row;
  AdwActionRow    *sampler_row;
  AdwActionRow    *prompt_row;
  AdwActionRow    *negative_row;
  AdwActionRow    *provenance_warnings_row;
  AdwActionRow    *lora_warning_row;
  AdwEntryRow     *note_row;
  GtkWidget       *generate_again_button;
  GtkToggleButton *compare_button;
  LkViewerCompare *compare;
  LkViewerCharacter *character_group;

  double           zoom;
  double           drag_start_x;
  double           drag_start_y;
};

/* lk-viewer-zoom.c: fit, 1:1, zoom steps and panning by dragging. */
void _lk_viewer_update_zoom    (LkViewer       *self);
void _lk_viewer_zoom_action    (GtkWidget      *widget,
                                const char     *action_name,
                                GVariant       *parameter);
void _lk_viewer_drag_begin_cb  (LkViewer       *self,
                                double          x,
                                double          y,
                                GtkGestureDrag *gesture);
void _lk_viewer_drag_update_cb (LkViewer       *self,
                                double          x,
                                double          y,
                                GtkGestureDrag *gesture);

G_END_DECLS
