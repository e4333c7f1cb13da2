/* lk-output-filter.c
 *
 * Copyright 2026 The Lorakeet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The library's build sets a default domain; this file logs under its own name. */
#undef G_LOG_DOMAIN
#define G_LOG_DOMAIN "lk-output-filter"

#include "config.h"

#include <string.h>

#include "lk-output-filter.h"
#include "lk-png-info.h"
#include "lk-provenance.h"

/* Why a table of facts and not a query per filter change: the gallery re-filters on every
 * keystroke in the search entry and on every file ComfyUI writes, over up to 100,000 items.
 * One catalog query (refreshed when the catalog announces a change) turns each test into
 * hash lookups on the main thread, with no SQL or file I/O there. Files the catalog does not
 * know have their PNG prompt read lazily, off the main thread, only while the text
 * criterion is set. */

#define PROMPT_BATCH 256

struct _LkOutputFilter
{
  GObject          parent_instance;

  /* Owned */
  char            *folder;
  GHashTable      *facts;       /* relative path → LkOutputFacts */
  GHashTable      *reviews;     /* absolute path → LkReviewVerdict + 1 */
  GHashTable      *prompts;     /* absolute path → case-folded prompt, "" for none */
  GHashTable      *arrivals;    /* absolute paths a job just produced */
  char            *text;        /* case-folded, or NULL */

  gsize            folder_len;
  gint64           character_id;
  gint64           project_id;
  gint64           since;
  LkMediaKind      kind;
  LkReviewFilter   review;
};

G_DEFINE_FINAL_TYPE (LkOutputFilter, lk_output_filter, G_TYPE_OBJECT)

enum { CHANGED, N_SIGNALS };
static guint signals[N_SIGNALS];

static void
lk_output_filter_changed (LkOutputFilter *self)
{
  g_signal_emit (self, signals[CHANGED], 0);
}

static const char *
relative_path (LkOutputFilter *self,
               const char     *path)
{
  if (self->folder_len > 0
      && strncmp (path, self->folder, self->folder_len) == 0
      && path[self->folder_len] == G_DIR_SEPARATOR)
    return path + self->folder_len + 1;

  return NULL;
}

const LkOutputFacts *
lk_output_filter_lookup_facts (LkOutputFilter *self,
                               const char     *path)
{
  const char *relative;

  g_return_val_if_fail (LK_IS_OUTPUT_FILTER (self), NULL);
  g_return_val_if_fail (path != NULL, NULL);

  if (self->facts == NULL || !(relative = relative_path (self, path)))
    return NULL;

  return g_hash_table_lookup (self->facts, relative);
}

static LkReviewVerdict
lk_output_filter_verdict (LkOutputFilter      *self,
                          const char          *path,
                          const LkOutputFacts *facts)
{
  gpointer noted = g_hash_table_lookup (self->reviews, path);

  if (noted != NULL)
    return (LkReviewVerdict)(GPOINTER_TO_UINT (noted) - 1);

  return facts ? facts->verdict : LK_REVIEW_VERDICT_NONE;
}

gboolean
lk_output_filter_matches (LkOutputFilter *self,
                          LkOutputItem   *item)
{
  const char *path;
  const LkOutputFacts *facts;
  LkReviewVerdict verdict;

  g_return_val_if_fail (LK_IS_OUTPUT_FILTER (self), FALSE);
  g_return_val_if_fail (LK_IS_OUTPUT_ITEM (item), FALSE);

  /* The first-frame PNG ComfyUI writes beside each clip stays hidden: the clip's tile
   * already shows it. */
  if (!lk_output_item_matches_kind (item, self->kind, FALSE))
    return FALSE;

  if (!lk_output_item_matches_date (item, self->since, G_MAXINT64))
    return FALSE;

  path = lk_output_item_get_path (item);
  facts = lk_output_filter_lookup_facts (self, path);

  /* A frame a job has just produced is shown at once, before the catalog's next facts
   * say whose it is (the artist generates for the character selected). */
  if (facts != NULL || !g_hash_table_contains (self->arrivals, path))
    {
      if (self->character_id != 0
          && (facts == NULL || facts->character_id != self->character_id))
        return FALSE;

      if (self->project_id != 0 && (facts == NULL || facts->project_id != self->project_id))
        return FALSE;
    }

  if (self->review != LK_REVIEW_FILTER_ALL)
    {
      verdict = lk_output_filter_verdict (self, path, facts);
      switch (self->review)
        {
        case LK_REVIEW_FILTER_UNREVIEWED:
          if (verdict != LK_REVIEW_VERDICT_NONE)
            return FALSE;
          break;
        case LK_REVIEW_FILTER_APPROVED:
          if (verdict != LK_REVIEW_VERDICT_APPROVED)
            return FALSE;
          break;
        case LK_REVIEW_FILTER_REJECTED:
          if (verdict != LK_REVIEW_VERDICT_REJECTED)
            return FALSE;
          break;
        case LK_REVIEW_FILTER_ALL:
        default:
          break;
        }
    }

  if (self->text != NULL)
    {
      const char *prompt = facts && facts->prompt ? facts->prompt
                                                  : g_hash_table_lookup (self->prompts, path);

      if (prompt == NULL || strstr (prompt, self->text) == NULL)
        return FALSE;
    }

  return TRUE;
}

void
lk_output_filter_set_kind (LkOutputFilter *self,
                           LkMediaKind     kind)
{
  g_return_if_fail (LK_IS_OUTPUT_FILTER (self));

  if (self->kind != kind)
    {
      self->kind = kind;
      lk_output_filter_changed (self);
    }
}

void
lk_output_filter_set_character_id (LkOutputFilter *self,
                                   gint64          character_id)
{
  g_return_if_fail (LK_IS_OUTPUT_FILTER (self));

  if (self->character_id != character_id)
    {
      self->character_id = character_id;
      lk_output_filter_changed (self);
    }
}

void
lk_output_filter_set_project_id (LkOutputFilter *self,
                                 gint64          project_id)
{
  g_return_if_fail (LK_IS_OUTPUT_FILTER (self));

  if (self->project_id != project_id)
    {
      self->project_id = project_id;
      lk_output_filter_changed (self);
    }
}

void
lk_output_filter_set_review (LkOutputFilter *self,
                             LkReviewFilter  review)
{
  g_return_if_fail (LK_IS_OUTPUT_FILTER (self));
  g_return_if_fail (review <= LK_REVIEW_FILTER_REJECTED);

  if (self->review != review)
    {
      self->review = review;
      lk_output_filter_changed (self);
    }
}

void
lk_output_filter_set_date (LkOutputFilter *self,
                           LkDateFilter    date,
                           GDateTime      *now)
{
  g_autoptr(GDateTime) local = NULL;
  g_autoptr(GDateTime) start = NULL;
  gint64 since = G_MININT64;

  g_return_if_fail (LK_IS_OUTPUT_FILTER (self));
  g_return_if_fail (date <= LK_DATE_FILTER_MONTH);

  local = now ? g_date_time_to_local (now) : g_date_time_new_now_local ();

  switch (date)
    {
    case LK_DATE_FILTER_TODAY:
      start = g_date_time_new_local (g_date_time_get_year (local),
                                     g_date_time_get_month (local),
                                     g_date_time_get_day_of_month (local), 0, 0, 0);
      break;
    case LK_DATE_FILTER_WEEK:
      start = g_date_time_add_days (local, -7);
      break;
    case LK_DATE_FILTER_MONTH:
      start = g_date_time_add_days (local, -30);
      break;
    case LK_DATE_FILTER_ANY:
    default:
      break;
    }

  if (start != NULL)
    since = g_date_time_to_unix (start) * G_USEC_PER_SEC;

  if (self->since != since)
    {
      self->since = since;
      lk_output_filter_changed (self);
    }
}

void
lk_output_filter_set_text (LkOutputFilter *self,
                           const char     *text)
{
  g_autofree char *stripped = NULL;
  g_autofree char *folded = NULL;

  g_return_if_fail (LK_IS_OUTPUT_FILTER (self));

  stripped = g_strstrip (g_strdup (text ? text : ""));
  if (*stripped != '\0')
    folded = g_utf8_casefold (stripped, -1);

  if (g_strcmp0 (folded, self->text) != 0)
    {
      g_free (self->text);
      self->text = g_steal_pointer (&folded);
      lk_output_filter_changed (self);
    }
}

const char *
lk_output_filter_get_text (LkOutputFilter *self)
{
  g_return_val_if_fail (LK_IS_OUTPUT_FILTER (self), NULL);

  return self->text;
}

void
lk_output_filter_set_facts (LkOutputFilter *self,
                            GHashTable     *facts)
{
  g_return_if_fail (LK_IS_OUTPUT_FILTER (self));

  if (facts == self->facts)
    return;

  if (facts != NULL)
    g_hash_table_ref (facts);
  g_clear_pointer (&self->facts, g_hash_table_unref);
  self->facts = facts;
  lk_output_filter_changed (self);
}

static double
lk_output_filter_consistency (LkOutputFilter *self,
                              LkOutputItem   *item)
{
  const LkOutputFacts *facts = lk_output_filter_lookup_facts (self,
                                                              lk_output_item_get_path (item));

  return facts != NULL ? facts->consistency : -1;
}

int
lk_output_filter_compare (LkOutputFilter *self,
                          LkOutputSort    sort,
                          LkOutputItem   *a,
                          LkOutputItem   *b)
{
  double score_a, score_b;

  g_return_val_if_fail (LK_IS_OUTPUT_FILTER (self), 0);
  g_return_val_if_fail (LK_IS_OUTPUT_ITEM (a), 0);
  g_return_val_if_fail (LK_IS_OUTPUT_ITEM (b), 0);

  if (sort == LK_OUTPUT_SORT_OUTLIERS)
    {
      score_a = lk_output_filter_consistency (self, a);
      score_b = lk_output_filter_consistency (self, b);

      /* Scores are never negative: unscored frames (-1) go last. */
      if (score_a != score_b)
        return score_a > score_b ? -1 : 1;
    }

  return lk_output_item_compare (a, b);
}

void
lk_output_filter_note_review (LkOutputFilter  *self,
                              const char      *path,
                              LkReviewVerdict  verdict)
{
  gpointer value = GUINT_TO_POINTER ((guint)verdict + 1);

  g_return_if_fail (LK_IS_OUTPUT_FILTER (self));
  g_return_if_fail (path != NULL);

  if (g_hash_table_lookup (self->reviews, path) == value)
    return;

  g_hash_table_insert (self->reviews, g_strdup (path), value);
  if (self->review != LK_REVIEW_FILTER_ALL)
    lk_output_filter_changed (self);
}

void
lk_output_filter_note_arrival (LkOutputFilter *self,
                               const char     *path)
{
  g_return_if_fail (LK_IS_OUTPUT_FILTER (self));
  g_return_if_fail (path != NULL);

  g_hash_table_add (self->arrivals, g_strdup (path));
}

char **
lk_output_filter_dup_unread_prompts (LkOutputFilter *self,
                                     GListModel     *items)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  guint n_items;

  g_return_val_if_fail (LK_IS_OUTPUT_FILTER (self), NULL);
  g_return_val_if_fail (G_IS_LIST_MODEL (items), NULL);

  n_items = g_list_model_get_n_items (items);
  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(LkOutputItem) item = g_list_model_get_item (items, i);
      const char *path = lk_output_item_get_path (item);
      const LkOutputFacts *facts;

      if (lk_output_item_get_kind (item) != LK_MEDIA_KIND_IMAGE
          || g_hash_table_contains (self->prompts, path))
        continue;
      facts = lk_output_filter_lookup_facts (self, path);
      if (facts != NULL && facts->prompt != NULL)
        continue;
      g_strv_builder_add (builder, path);
    }

  return g_strv_builder_end (builder);
}

/* Reading prompts off the main thread ---------------------------------------------------- */

typedef struct
{
  LkOutputFilter *self;
  GPtrArray      *pairs;  /* path, prompt, path, prompt… */
} PromptBatch;

static void
prompt_batch_free (PromptBatch *batch)
{
  g_clear_object (&batch->self);
  g_clear_pointer (&batch->pairs, g_ptr_array_unref);
  g_free (batch);
}

static gboolean
prompt_batch_apply (gpointer data)
{
  PromptBatch *batch = data;

  for (guint i = 0; i + 1 < batch->pairs->len; i += 2)
    g_hash_table_replace (batch->self->prompts,
                          g_strdup (g_ptr_array_index (batch->pairs, i)),
                          g_strdup (g_ptr_array_index (batch->pairs, i + 1)));
  if (batch->self->text != NULL)
    lk_output_filter_changed (batch->self);

  return G_SOURCE_REMOVE;
}

static char *
read_prompt (const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(LkPngInfo) info = NULL;
  g_autoptr(LkProvenance) provenance = NULL;
  const char *positive;

  if (!(info = lk_png_info_load (file, NULL, NULL)))
    return g_strdup ("");
  provenance = lk_provenance_new_from_png_info (info, path);
  positive = provenance ? lk_provenance_get_positive (provenance) : NULL;

  return positive ? g_utf8_casefold (positive, -1) : g_strdup ("");
}

static void
lk_output_filter_post_batch (LkOutputFilter *self,
                             GMainContext   *context,
                             GPtrArray      *pairs)
{
  PromptBatch *batch = g_new0 (PromptBatch, 1);

  batch->self = g_object_ref (self);
  batch->pairs = g_ptr_array_ref (pairs);
  g_main_context_invoke_full (context, G_PRIORITY_DEFAULT_IDLE, prompt_batch_apply, batch,
                              (GDestroyNotify)prompt_batch_free);
}

static void
read_prompts_thread (GTask        *task,
                     gpointer      source_object,
                     gpointer      task_data,
                     GCancellable *cancellable)
{
  LkOutputFilter *self = source_object;
  char **paths = task_data;
  GMainContext *context = g_task_get_context (task);
  g_autoptr(GPtrArray) pairs = NULL;

  /* The worker only reads files; the tables are written on the owner's main context. */
  for (guint i = 0; paths[i] != NULL; i++)
    {
      if (g_cancellable_is_cancelled (cancellable))
        break;
      if (pairs == NULL)
        pairs = g_ptr_array_new_with_free_func (g_free);
      g_ptr_array_add (pairs, g_strdup (paths[i]));
      g_ptr_array_add (pairs, read_prompt (paths[i]));
      if (pairs->len >= 2 * PROMPT_BATCH)
        {
          lk_output_filter_post_batch (self, context, pairs);
          g_clear_pointer (&pairs, g_ptr_array_unref);
        }
    }

  if (pairs != NULL && !g_cancellable_is_cancelled (cancellable))
    lk_output_filter_post_batch (self, context, pairs);

  if (!g_task_return_error_if_cancelled (task))
    g_task_return_boolean (task, TRUE);
}

void
lk_output_filter_read_prompts_async (LkOutputFilter      *self,
                                     const char * const  *paths,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (LK_IS_OUTPUT_FILTER (self));
  g_return_if_fail (paths != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, lk_output_filter_read_prompts_async);
  g_task_set_task_data (task, g_strdupv ((char **)paths), (GDestroyNotify)g_strfreev);
  g_task_run_in_thread (task, read_prompts_thread);
}

gboolean
lk_output_filter_read_prompts_finish (LkOutputFilter  *self,
                                      GAsyncResult    *result,
                                      GError         **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* Life cycle ----------------------------------------------------------------------------- */

static void
lk_output_filter_finalize (GObject *object)
{
  LkOutputFilter *self = (LkOutputFilter *)object;

  g_clear_pointer (&self->folder, g_free);
  g_clear_pointer (&self->facts, g_hash_table_unref);
  g_clear_pointer (&self->reviews, g_hash_table_unref);
  g_clear_pointer (&self->prompts, g_hash_table_unref);
  g_clear_pointer (&self->arrivals, g_hash_table_unref);
  g_clear_pointer (&self->text, g_free);

  G_OBJECT_CLASS (lk_output_filter_parent_class)->finalize (object);
}

static void
lk_output_filter_class_init (LkOutputFilterClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = lk_output_filter_finalize;

  /**
   * LkOutputFilter::changed:
   * @self: a filter
   *
   * Emitted when a criterion or what the filter knows changed, so the items must be
   * filtered again.
   */
  signals[CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 0);
}

static void
lk_output_filter_init (LkOutputFilter *self)
{
  self->reviews = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->prompts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->arrivals = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->since = G_MININT64;
  self->kind = LK_MEDIA_KIND_NONE;
}

LkOutputFilter *
lk_output_filter_new (const char *folder)
{
  LkOutputFilter *self;
  gsize len;

  self = g_object_new (LK_TYPE_OUTPUT_FILTER, NULL);
  self->folder = g_strdup (folder ? folder : "");
  /* Paths are compared without a trailing separator. */
  len = strlen (self->folder);
  while (len > 1 && self->folder[len - 1] == G_DIR_SEPARATOR)
    self->folder[--len] = '\0';
  self->folder_len = len;

  return self;
}
