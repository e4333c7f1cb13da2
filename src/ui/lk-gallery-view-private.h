/* lk-gallery-view-private.h
 *
 * Copyright 2026 The Lorakeet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "lk-gallery-view.h"
#include "lk-output-filter.h"
#include "lk-output-store.h"
#include "lk-viewer.h"

G_BEGIN_DECLS

/* A review packed in a pointer: verdict in the high byte, rating in the low one, plus one
 * so that "never reviewed" is NULL. */
#define REVIEW_PACK(v, r)      GUINT_TO_POINTER ((((guint)(v) << 8) | (guint)(r)) + 1)
#define REVIEW_VERDICT(p)      ((LkReviewVerdict)((GPOINTER_TO_UINT (p) - 1) >> 8))
#define REVIEW_RATING(p)       ((int)((GPOINTER_TO_UINT (p) - 1) & 0xff))

/* Who made a review and when, as the catalog records it. */
typedef struct
{
  char      *by;
  GDateTime *at;
} ReviewAuthor;

ReviewAuthor *_lk_review_author_new  (const char         *by,
                                      GDateTime          *at);
ReviewAuthor *_lk_review_author_copy (const ReviewAuthor *author);
void          _lk_review_author_free (ReviewAuthor       *author);

typedef struct
{
  LkOutputItem *item;
  gpointer      before;
  char         *before_note;
  ReviewAuthor *before_author;
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
  GtkSortListModel    *sorted;        /* filtered in the chosen order: what the grid shows */
  GtkCustomSorter     *sorter;
  GtkMultiSelection   *selection;
  GCancellable        *cancellable;
  GError              *load_error;
  GHashTable          *reviews;       /* path → packed review */
  GHashTable          *bound_tiles;   /* LkGalleryTile set */
  GArray              *undo;          /* ReviewChange of the last review */
  GHashTable          *notes;         /* path → review note */
  GHashTable          *authors;       /* path → ReviewAuthor */
  LkOutputFilter      *output_filter;
  GHashTable          *facts;         /* from the catalog, relative path → LkOutputFacts */
  LkCharacter         *character;
  LkCatalog           *catalog;
  GCancellable        *facts_cancellable;
  GCancellable        *prompts_cancellable;
  GtkStringList       *projects;      /* "All Projects", then the catalog's projects */
  GArray              *project_ids;   /* gint64 per row of projects */
  LkGalleryReviewFunc  review_func;
  gpointer             review_data;
  GDestroyNotify       review_destroy;

  /* Template widgets */
  GtkStack            *outer_stack;
  GtkWidget           *toolbar;
  GtkDropDown         *kind_dropdown;
  GtkToggleButton     *all_characters_button;
  GtkDropDown         *project_dropdown;
  GtkDropDown         *review_dropdown;
  GtkDropDown         *date_dropdown;
  GtkDropDown         *sort_dropdown;
  GtkSearchEntry      *search_entry;
  GtkLabel            *count_label;
  GtkRevealer         *problems_revealer;
  GtkLabel            *problems_label;
  GtkStack            *stack;
  GtkSpinner          *spinner;
  AdwStatusPage       *error_page;
  AdwStatusPage       *no_outputs_page;
  GtkButton           *clear_filters_button;
  GtkGridView         *grid;
  LkViewer            *viewer;        /* built on first open, then owned by outer_stack */

  LkThumbnailSize      thumbnail_size;
  guint                viewer_position;
  guint                facts_timeout;
};

gboolean _lk_gallery_view_is_viewing           (LkGalleryView *self);
LkOutputItem *_lk_gallery_view_get_shown_item  (LkGalleryView *self);
void     _lk_gallery_view_update_actions       (LkGalleryView *self);
void     _lk_gallery_view_show_review          (LkGalleryView *self,
                                                LkOutputItem  *item);
void     _lk_gallery_view_note_changed         (LkGalleryView *self,
                                                const char    *note);
void     _lk_gallery_view_clear_review_change  (gpointer       data);
void     _lk_gallery_view_review_action        (GtkWidget     *widget,
                                                const char    *action_name,
                                                GVariant      *parameter);
void     _lk_gallery_view_undo_action          (GtkWidget     *widget,
                                                const char    *action_name,
                                                GVariant      *parameter);

void     _lk_gallery_view_filter_init          (LkGalleryView *self);
void     _lk_gallery_view_filter_init_models   (LkGalleryView *self);
void     _lk_gallery_view_filter_dispose       (LkGalleryView *self);
void     _lk_gallery_view_filter_sync          (LkGalleryView *self);
void     _lk_gallery_view_filter_reset_folder  (LkGalleryView *self);
void     _lk_gallery_view_filter_set_catalog   (LkGalleryView *self,
                                                LkCatalog     *catalog);
char    *_lk_gallery_view_filter_describe      (LkGalleryView *self);
void     _lk_gallery_view_filter_class_init    (GtkWidgetClass *widget_class);
void     _lk_gallery_view_update_page          (LkGalleryView *self);

G_END_DECLS
