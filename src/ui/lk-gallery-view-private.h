/* lk-gallery-view-private.h
 *
 * Copyright 2026 The Lorakeet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "lk-gallery-view.h"
#include "lk-output-store.h"
#include "lk-viewer.h"

G_BEGIN_DECLS

/* A review packed in a pointer: verdict in the high byte, rating in the low one, plus one
 * so that "never reviewed" is NULL. */
#define REVIEW_PACK(v, r)      GUINT_TO_POINTER ((((guint)(v) << 8) | (guint)(r)) + 1)
#define REVIEW_VERDICT(p)      ((LkReviewVerdict)((GPOINTER_TO_UINT (p) - 1) >> 8))
#define REVIEW_RATING(p)       ((int)((GPOINTER_TO_UINT (p) - 1) & 0xff))

typedef struct
{
  LkOutputItem *item;
  gpointer      before;
} ReviewChange;

struct _LkGalleryView
{
  GtkWidget            parent_instance;

  /* Owned */
  char                *folder;
  LkThumbnailer       *thumbnailer;
  LkOutputStore       *store;
  GtkFilterListModel  *filtered;
  GtkCustomFilter     *filter;
  GtkMultiSelection   *selection;
  GCancellable        *cancellable;
  GError              *load_error;
  GHashTable          *reviews;       /* path → packed review */
  GHashTable          *bound_tiles;   /* LkGalleryTile set */
  GArray              *undo;          /* ReviewChange of the last review */
  LkGalleryReviewFunc  review_func;
  gpointer             review_data;
  GDestroyNotify       review_destroy;

  /* Template widgets */
  GtkStack            *outer_stack;
  GtkWidget           *toolbar;
  GtkDropDown         *kind_dropdown;
  GtkLabel            *count_label;
  GtkRevealer         *problems_revealer;
  GtkLabel            *problems_label;
  GtkStack            *stack;
  GtkSpinner          *spinner;
  AdwStatusPage       *error_page;
  AdwStatusPage       *no_outputs_page;
  GtkGridView         *grid;
  LkViewer            *viewer;

  LkThumbnailSize      thumbnail_size;
  guint                viewer_position;
};

gboolean _lk_gallery_view_is_viewing           (LkGalleryView *self);
void     _lk_gallery_view_update_actions       (LkGalleryView *self);
void     _lk_gallery_view_show_review          (LkGalleryView *self,
                                                LkOutputItem  *item);
void     _lk_gallery_view_clear_review_change  (gpointer       data);
void     _lk_gallery_view_review_action        (GtkWidget     *widget,
                                                const char    *action_name,
                                                GVariant      *parameter);
void     _lk_gallery_view_undo_action          (GtkWidget     *widget,
                                                const char    *action_name,
                                                GVariant      *parameter);

G_END_DECLS
