/* lk-output-filter.h
 *
 * Copyright 2026 The Lorakeet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "lk-catalog-outputs.h"
#include "lk-output-item.h"

G_BEGIN_DECLS

/**
 * LkReviewFilter:
 * @LK_REVIEW_FILTER_ALL: every output
 * @LK_REVIEW_FILTER_UNREVIEWED: outputs without a verdict
 * @LK_REVIEW_FILTER_APPROVED: approved outputs
 * @LK_REVIEW_FILTER_REJECTED: rejected outputs
 *
 * Which review state the gallery shows.
 */
typedef enum
{
  LK_REVIEW_FILTER_ALL,
  LK_REVIEW_FILTER_UNREVIEWED,
  LK_REVIEW_FILTER_APPROVED,
  LK_REVIEW_FILTER_REJECTED,
} LkReviewFilter;

/**
 * LkDateFilter:
 * @LK_DATE_FILTER_ANY: any time
 * @LK_DATE_FILTER_TODAY: since local midnight
 * @LK_DATE_FILTER_WEEK: the last 7 days
 * @LK_DATE_FILTER_MONTH: the last 30 days
 *
 * How recent the outputs the gallery shows are.
 */
typedef enum
{
  LK_DATE_FILTER_ANY,
  LK_DATE_FILTER_TODAY,
  LK_DATE_FILTER_WEEK,
  LK_DATE_FILTER_MONTH,
} LkDateFilter;

/**
 * LkOutputSort:
 * @LK_OUTPUT_SORT_NEWEST: newest first, the output folder's order
 * @LK_OUTPUT_SORT_OUTLIERS: the highest stored consistency score first (the frames least
 *   like their character), then the frames never scored, newest first
 *
 * The order the gallery shows its outputs in.
 */
typedef enum
{
  LK_OUTPUT_SORT_NEWEST,
  LK_OUTPUT_SORT_OUTLIERS,
} LkOutputSort;

#define LK_TYPE_OUTPUT_FILTER (lk_output_filter_get_type ())
G_DECLARE_FINAL_TYPE (LkOutputFilter, lk_output_filter, LK, OUTPUT_FILTER, GObject)

/**
 * lk_output_filter_new:
 * @folder: the output folder the items are listed from
 *
 * Creates a filter that passes every output of @folder. Each setter that really changes a
 * criterion emits #LkOutputFilter::changed once.
 *
 * Returns: (transfer full): a new filter
 */
LkOutputFilter *lk_output_filter_new            (const char      *folder);

/**
 * lk_output_filter_matches:
 * @self: a filter
 * @item: an output of the filter's folder
 *
 * Whether @item passes every criterion. Only hash lookups: cheap enough for every item of a
 * 100,000-file folder on the main thread. An output the catalog does not know fails the
 * character and project criteria; while the text criterion is set, one whose prompt was not
 * read yet fails it too (see lk_output_filter_dup_unread_prompts()).
 *
 * Returns: %TRUE if @item passes
 */
gboolean        lk_output_filter_matches        (LkOutputFilter  *self,
                                                 LkOutputItem    *item);

/**
 * lk_output_filter_set_kind:
 * @self: a filter
 * @kind: the kind kept, or %LK_MEDIA_KIND_NONE for all (first-frame PNGs stay hidden)
 *
 * Sets the kind criterion.
 */
void            lk_output_filter_set_kind       (LkOutputFilter  *self,
                                                 LkMediaKind      kind);

/**
 * lk_output_filter_set_character_id:
 * @self: a filter
 * @character_id: the character kept, or 0 for all
 *
 * Sets the character criterion.
 */
void            lk_output_filter_set_character_id (LkOutputFilter *self,
                                                   gint64          character_id);

/**
 * lk_output_filter_set_project_id:
 * @self: a filter
 * @project_id: the project kept, or 0 for all
 *
 * Sets the project criterion.
 */
void            lk_output_filter_set_project_id (LkOutputFilter  *self,
                                                 gint64           project_id);

/**
 * lk_output_filter_set_review:
 * @self: a filter
 * @review: the review state kept
 *
 * Sets the review criterion.
 */
void            lk_output_filter_set_review     (LkOutputFilter  *self,
                                                 LkReviewFilter   review);

/**
 * lk_output_filter_set_date:
 * @self: a filter
 * @date: how recent the outputs kept are
 * @now: (nullable): the current time, %NULL for the clock's (tests pass a fixed one)
 *
 * Sets the date criterion, relative to @now in the local time zone.
 */
void            lk_output_filter_set_date       (LkOutputFilter  *self,
                                                 LkDateFilter     date,
                                                 GDateTime       *now);

/**
 * lk_output_filter_set_text:
 * @self: a filter
 * @text: (nullable): words that must occur in the prompt, case-insensitively; %NULL or ""
 *   for none
 *
 * Sets the prompt-text criterion.
 */
void            lk_output_filter_set_text       (LkOutputFilter  *self,
                                                 const char      *text);

/**
 * lk_output_filter_get_text:
 * @self: a filter
 *
 * Returns: (transfer none) (nullable): the prompt text criterion, case-folded, or %NULL
 */
const char     *lk_output_filter_get_text       (LkOutputFilter  *self);

/**
 * lk_output_filter_set_facts:
 * @self: a filter
 * @facts: (nullable) (transfer none): from lk_catalog_list_output_facts_finish(), or %NULL
 *   when no catalog is connected
 *
 * Replaces what the filter knows from the catalog.
 */
void            lk_output_filter_set_facts      (LkOutputFilter  *self,
                                                 GHashTable      *facts);

/**
 * lk_output_filter_lookup_facts:
 * @self: a filter
 * @path: an output's absolute path
 *
 * Returns: (transfer none) (nullable): what the catalog knows about @path, or %NULL
 */
const LkOutputFacts *lk_output_filter_lookup_facts (LkOutputFilter *self,
                                                    const char     *path);

/**
 * lk_output_filter_compare:
 * @self: a filter
 * @sort: the order
 * @a: an output of the filter's folder
 * @b: another one
 *
 * Compares two outputs for @sort. The score of an output is the one the catalog facts hold
 * for it against its job's character (see #LkOutputFacts), so when the gallery shows one
 * character's frames they are ranked by their likeness to that character. Only hash
 * lookups, like lk_output_filter_matches().
 *
 * Returns: a negative number when @a comes first, positive when @b does, 0 when equal
 */
int             lk_output_filter_compare        (LkOutputFilter  *self,
                                                 LkOutputSort     sort,
                                                 LkOutputItem    *a,
                                                 LkOutputItem    *b);

/**
 * lk_output_filter_note_review:
 * @self: a filter
 * @path: an output's absolute path
 * @verdict: its verdict, as the artist just made it or as read from the catalog
 *
 * Records a verdict known for @path; it wins over the catalog facts, which only know
 * reviews linked to a recorded output.
 */
void            lk_output_filter_note_review    (LkOutputFilter  *self,
                                                 const char      *path,
                                                 LkReviewVerdict  verdict);

/**
 * lk_output_filter_note_arrival:
 * @self: a filter
 * @path: the absolute path of a file a job has just produced
 *
 * Lets @path through the character and project criteria until the catalog facts describe
 * it, so a new frame shows at once instead of after the next facts query.
 */
void            lk_output_filter_note_arrival   (LkOutputFilter  *self,
                                                 const char      *path);

/**
 * lk_output_filter_dup_unread_prompts:
 * @self: a filter
 * @items: the outputs listed
 *
 * The paths of the images in @items whose prompt the filter does not know: neither from the
 * catalog nor read from the file yet. Give them to lk_output_filter_read_prompts_async().
 *
 * Returns: (transfer full): a %NULL-terminated array of paths, maybe empty
 */
char          **lk_output_filter_dup_unread_prompts (LkOutputFilter *self,
                                                     GListModel     *items);

/**
 * lk_output_filter_read_prompts_async:
 * @self: a filter
 * @paths: PNG files, from lk_output_filter_dup_unread_prompts()
 * @cancellable: (nullable): a cancellable
 * @callback: called when every file was read
 * @user_data: data for @callback
 *
 * Reads the positive prompt from each PNG's ComfyUI `prompt` text chunk in a worker thread.
 * Every few hundred files the prompts read so far are recorded on the calling thread's
 * main context and #LkOutputFilter::changed is emitted, so matches fill in as they are found.
 * A file without a prompt is recorded as having none.
 */
void            lk_output_filter_read_prompts_async  (LkOutputFilter      *self,
                                                      const char * const  *paths,
                                                      GCancellable        *cancellable,
                                                      GAsyncReadyCallback  callback,
                                                      gpointer             user_data);

/**
 * lk_output_filter_read_prompts_finish:
 * @self: a filter
 * @result: the result given to the callback
 * @error: return location for an error (only %G_IO_ERROR_CANCELLED)
 *
 * Returns: %TRUE once every file was read
 */
gboolean        lk_output_filter_read_prompts_finish (LkOutputFilter      *self,
                                                      GAsyncResult        *result,
                                                      GError             **error);

G_END_DECLS
