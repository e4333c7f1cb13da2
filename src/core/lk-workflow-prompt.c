/* lk-workflow-prompt.c
 *
 * Copyright 2026 The Lorakeet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Setting the positive and negative prompts: find the text behind every encoder on one side of
 * the samplers (following links to text nodes), compose "trigger words, artist's text,
 * template's text", then write all of it through the journal or nothing. */

#undef G_LOG_DOMAIN
#define G_LOG_DOMAIN "lk-workflow-prompt"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "lk-node-classes.h"
#include "lk-workflow-private.h"

/* How many nodes a prompt may pass through on its way to the encoder (primitives, concats). */
#define MAX_PROMPT_HOPS 8

typedef struct
{
  char *node_id;
  char *input;
  char *old_text;
  char *new_text;
} TextTarget;

static void
text_target_free (gpointer data)
{
  TextTarget *target = data;

  g_free (target->node_id);
  g_free (target->input);
  g_free (target->old_text);
  g_free (target->new_text);
  g_free (target);
}

static gboolean
is_string_literal (JsonNode *value)
{
  return value != NULL && JSON_NODE_HOLDS_VALUE (value) &&
         json_node_get_value_type (value) == G_TYPE_STRING;
}

/* Finds the string literal a text input really comes from: the input itself, or the text of
 * the primitive node its link leads to. */
static gboolean
resolve_text (LkWorkflow  *self,
              const char  *encoder_id,
              const char  *input,
              char       **node_out,
              char       **input_out,
              GError     **error)
{
  static const char * const source_inputs[] = { "text", "string", "value", "prompt", "Text" };
  const char *node_id = encoder_id;
  const char *name = input;

  for (guint hop = 0; hop <= MAX_PROMPT_HOPS; hop++)
    {
      JsonNode *value = lk_workflow_get_input (self, node_id, name);
      const char *source;

      if (is_string_literal (value))
        {
          *node_out = g_strdup (node_id);
          *input_out = g_strdup (name);
          return TRUE;
        }

      if (!_lk_workflow_parse_link (value, &source, NULL))
        break;

      node_id = source;
      name = NULL;
      for (guint i = 0; i < G_N_ELEMENTS (source_inputs) && name == NULL; i++)
        if (lk_workflow_get_input (self, node_id, source_inputs[i]) != NULL)
          name = source_inputs[i];
      if (name == NULL)
        break;
    }

  {
    g_autofree char *encoder = _lk_workflow_label (self, encoder_id);
    g_autofree char *source = _lk_workflow_label (self, node_id);

    g_set_error (error, LK_WORKFLOW_ERROR, LK_WORKFLOW_ERROR_NOT_EDITABLE,
                 _("The prompt of %s (input %s) comes from %s, which holds no text Lorakeet can "
                   "edit; write the prompt into a text box node in the template"),
                 encoder, input, source);
  }
  return FALSE;
}

/* The literal text inputs behind the prompt encoders of one side, without repeats. */
static GPtrArray *
find_text_targets (LkWorkflow      *self,
                   LkWorkflowRole   which,
                   GError         **error)
{
  g_autoptr(GPtrArray) encoders = _lk_workflow_text_encoders (self, which);
  g_autoptr(GPtrArray) targets = g_ptr_array_new_with_free_func (text_target_free);

  if (encoders->len == 0)
    {
      g_set_error_literal (error, LK_WORKFLOW_ERROR, LK_WORKFLOW_ERROR_NODE_NOT_FOUND,
                           which == LK_WORKFLOW_ROLE_POSITIVE
                           ? _("The template has no positive prompt: no text encoder feeds a "
                               "sampler’s positive input")
                           : _("The template has no negative prompt: no text encoder feeds a "
                               "sampler’s negative input"));
      return NULL;
    }

  for (guint i = 0; i < encoders->len; i++)
    {
      const char *encoder = g_ptr_array_index (encoders, i);
      const char *class_type = lk_workflow_get_class_type (self, encoder);
      const char * const *names = lk_node_classes_get_text_inputs (class_type);
      static const char * const fallback[] = { "text", NULL };
      guint found = 0;

      for (guint n = 0; (names ? names : fallback)[n] != NULL; n++)
        {
          const char *input = (names ? names : fallback)[n];
          g_autofree char *node_id = NULL;
          g_autofree char *name = NULL;
          gboolean seen = FALSE;
          TextTarget *target;

          if (lk_workflow_get_input (self, encoder, input) == NULL)
            continue;
          found++;

          if (!resolve_text (self, encoder, input, &node_id, &name, error))
            return NULL;

          for (guint t = 0; t < targets->len && !seen; t++)
            {
              TextTarget *other = g_ptr_array_index (targets, t);

              seen = strcmp (other->node_id, node_id) == 0 && strcmp (other->input, name) == 0;
            }
          if (seen)
            continue;

          target = g_new0 (TextTarget, 1);
          target->old_text = g_strdup (_lk_workflow_input_string (self, node_id, name));
          target->node_id = g_steal_pointer (&node_id);
          target->input = g_steal_pointer (&name);
          g_ptr_array_add (targets, target);
        }

      if (found == 0)
        {
          g_autofree char *label = _lk_workflow_label (self, encoder);

          g_set_error (error, LK_WORKFLOW_ERROR, LK_WORKFLOW_ERROR_NOT_EDITABLE,
                       _("%s has no prompt text input"), label);
          return NULL;
        }
    }

  return g_steal_pointer (&targets);
}

static char *
trim_part (const char *text)
{
  const char *start = text;
  const char *end = text + strlen (text);

  while (*start != '\0' && (g_ascii_isspace (*start) || *start == ','))
    start++;
  while (end > start && (g_ascii_isspace (end[-1]) || end[-1] == ','))
    end--;

  return g_strndup (start, end - start);
}

/* Whether @word (already trimmed) is one of the comma-separated tags of @text, ignoring case. */
static gboolean
has_tag (const char *text,
         const char *word)
{
  gsize word_length = strlen (word);
  g_autofree char *folded_word = NULL;

  if (text == NULL)
    return FALSE;

  for (const char *tag = text; *tag != '\0';)
    {
      const char *end = strchr (tag, ',');
      const char *start = tag;
      const char *stop = end != NULL ? end : tag + strlen (tag);

      while (start < stop && g_ascii_isspace (*start))
        start++;
      while (stop > start && g_ascii_isspace (stop[-1]))
        stop--;

      if ((gsize) (stop - start) == word_length &&
          g_ascii_strncasecmp (start, word, word_length) == 0)
        return TRUE;

      /* Tags with non-ASCII letters need Unicode case folding. */
      if (stop > start && !g_str_is_ascii (word))
        {
          g_autofree char *folded = g_utf8_casefold (start, stop - start);

          if (folded_word == NULL)
            folded_word = g_utf8_casefold (word, -1);
          if (strcmp (folded, folded_word) == 0)
            return TRUE;
        }

      if (end == NULL)
        break;
      tag = end + 1;
    }

  return FALSE;
}

static char *
compose_prompt (const char * const *lead_words,
                const char         *text,
                const char         *template_text)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GString) words = g_string_new (NULL);
  g_autofree char *own = text ? trim_part (text) : NULL;
  g_autofree char *kept = template_text ? trim_part (template_text) : NULL;

  for (guint i = 0; lead_words != NULL && lead_words[i] != NULL; i++)
    {
      g_autofree char *word = trim_part (lead_words[i]);

      if (*word == '\0' || has_tag (own, word) || has_tag (kept, word) || has_tag (words->str, word))
        continue;
      if (words->len > 0)
        g_string_append (words, ", ");
      g_string_append (words, word);
    }

  if (words->len > 0)
    g_ptr_array_add (parts, g_strdup (words->str));
  if (own != NULL && *own != '\0')
    g_ptr_array_add (parts, g_steal_pointer (&own));
  if (kept != NULL && *kept != '\0')
    g_ptr_array_add (parts, g_steal_pointer (&kept));
  g_ptr_array_add (parts, NULL);

  return g_strjoinv (", ", (char **) parts->pdata);
}

static gboolean
check_utf8 (const char  *text,
            GError     **error)
{
  if (text != NULL && !g_utf8_validate (text, -1, NULL))
    {
      g_set_error_literal (error, LK_WORKFLOW_ERROR, LK_WORKFLOW_ERROR_INVALID_ARGUMENT,
                           _("The prompt is not UTF-8 text"));
      return FALSE;
    }

  return TRUE;
}

/**
 * lk_workflow_set_prompt:
 * @self: a #LkWorkflow
 * @which: %LK_WORKFLOW_ROLE_POSITIVE or %LK_WORKFLOW_ROLE_NEGATIVE
 * @lead_words: (nullable) (array zero-terminated=1): words to put first, such as the LoRA's
 *   trigger words; words already in the prompt are not repeated
 * @text: (nullable): the artist's text
 * @keep_template_text: whether the template's own text follows, or is replaced
 * @error: return location for a #LK_WORKFLOW_ERROR
 *
 * Sets the prompt of every text encoder on one side of the samplers to
 * "lead words, text, template text", leaving out empty parts. When an encoder's text comes
 * from a text node through a link, that node's text is changed. Fails, changing nothing, if
 * the side has no encoder, if its text comes from a node that holds no editable text, or if
 * the same text node feeds both sides.
 *
 * Returns: %TRUE on success
 */
gboolean
lk_workflow_set_prompt (LkWorkflow          *self,
                        LkWorkflowRole       which,
                        const char * const  *lead_words,
                        const char          *text,
                        gboolean             keep_template_text,
                        GError             **error)
{
  g_autoptr(GPtrArray) targets = NULL;
  g_autoptr(GPtrArray) other_side = NULL;
  LkWorkflowMark mark;

  g_return_val_if_fail (LK_IS_WORKFLOW (self), FALSE);
  g_return_val_if_fail (which == LK_WORKFLOW_ROLE_POSITIVE || which == LK_WORKFLOW_ROLE_NEGATIVE,
                        FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!_lk_workflow_require_valid (self, error) || !check_utf8 (text, error))
    return FALSE;
  for (guint i = 0; lead_words != NULL && lead_words[i] != NULL; i++)
    if (!check_utf8 (lead_words[i], error))
      return FALSE;

  if (!(targets = find_text_targets (self, which, error)))
    return FALSE;

  /* A text node shared by both sides cannot take two different prompts. */
  other_side = find_text_targets (self, which == LK_WORKFLOW_ROLE_POSITIVE
                                        ? LK_WORKFLOW_ROLE_NEGATIVE : LK_WORKFLOW_ROLE_POSITIVE,
                                  NULL);
  for (guint i = 0; other_side != NULL && i < targets->len; i++)
    for (guint j = 0; j < other_side->len; j++)
      {
        TextTarget *a = g_ptr_array_index (targets, i);
        TextTarget *b = g_ptr_array_index (other_side, j);

        if (strcmp (a->node_id, b->node_id) == 0 && strcmp (a->input, b->input) == 0)
          {
            g_autofree char *label = _lk_workflow_label (self, a->node_id);

            g_set_error (error, LK_WORKFLOW_ERROR, LK_WORKFLOW_ERROR_NOT_EDITABLE,
                         _("%s feeds both the positive and the negative prompt; give each its "
                           "own text in the template"), label);
            return FALSE;
          }
      }

  for (guint i = 0; i < targets->len; i++)
    {
      TextTarget *target = g_ptr_array_index (targets, i);

      target->new_text = compose_prompt (lead_words, text,
                                         keep_template_text ? target->old_text : NULL);
    }

  _lk_workflow_begin (self, &mark);
  for (guint i = 0; i < targets->len; i++)
    {
      TextTarget *target = g_ptr_array_index (targets, i);
      g_autofree char *label = NULL;
      g_autofree char *old_text = NULL;
      g_autofree char *new_text = NULL;
      JsonNode *value;

      if (g_strcmp0 (target->old_text, target->new_text) == 0)
        continue;

      label = _lk_workflow_label (self, target->node_id);
      old_text = _lk_workflow_describe_value (lk_workflow_get_input (self, target->node_id, target->input));
      value = json_node_init_string (json_node_alloc (), target->new_text);
      new_text = _lk_workflow_describe_value (value);
      _lk_workflow_set_input (self, target->node_id, target->input, value);
      _lk_workflow_add_change (self, "%s: %s “%s” → “%s”", label, target->input, old_text, new_text);
    }
  _lk_workflow_commit (self);

  return TRUE;
}
