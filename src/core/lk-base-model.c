/* lk-base-model.c
 *
 * Copyright 2026 The Lorakeet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The library's build sets a default domain; this file logs under its own name. */
#undef G_LOG_DOMAIN
#define G_LOG_DOMAIN "lk-base-model"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "lk-base-model.h"

#define MAX_TOKENS 32

typedef struct
{
  char  *tokens[MAX_TOKENS];
  guint  n_tokens;
} Tokens;

static void
tokens_clear (Tokens *t)
{
  for (guint i = 0; i < t->n_tokens; i++)
    g_free (t->tokens[i]);
  t->n_tokens = 0;
}

/* Splits a model name into lowercase ASCII words: at anything that is not a letter or digit,
 * and at camel-case boundaries, so "ponyDiffusionV6XL" gives pony, diffusion, v6, xl and
 * "kohakuXLEpsilon" gives kohaku, xl, epsilon. */
static void
tokenize (const char *text,
          gsize       length,
          Tokens     *t)
{
  GString *word = g_string_new (NULL);

  for (gsize i = 0; i <= length; i++)
    {
      char c = i < length ? text[i] : '\0';
      gboolean boundary = FALSE;

      if (!g_ascii_isalnum (c))
        boundary = TRUE;
      else if (g_ascii_isupper (c) && i > 0)
        {
          char prev = text[i - 1];
          char next = i + 1 < length ? text[i + 1] : '\0';

          if (g_ascii_islower (prev) || g_ascii_isdigit (prev) ||
              (g_ascii_isupper (prev) && g_ascii_islower (next)))
            boundary = TRUE;
        }

      if (boundary && word->len > 0)
        {
          if (t->n_tokens < MAX_TOKENS)
            t->tokens[t->n_tokens++] = g_strndup (word->str, word->len);
          g_string_truncate (word, 0);
        }

      if (g_ascii_isalnum (c))
        g_string_append_c (word, g_ascii_tolower (c));
    }

  g_string_free (word, TRUE);
}

static gboolean
token_is (const Tokens *t,
          guint         i,
          const char   *a,
          const char   *b,
          const char   *c)
{
  const char *tok;

  if (i >= t->n_tokens)
    return FALSE;

  tok = t->tokens[i];

  return g_strcmp0 (tok, a) == 0 || g_strcmp0 (tok, b) == 0 || g_strcmp0 (tok, c) == 0;
}

/* A word naming the model ("sd", "diffusion") followed by a version word. */
static gboolean
has_pair (const Tokens *t,
          const char   *first,
          const char   *a,
          const char   *b,
          const char   *c)
{
  for (guint i = 0; i + 1 < t->n_tokens; i++)
    if (strcmp (t->tokens[i], first) == 0 && token_is (t, i + 1, a, b, c))
      return TRUE;

  return FALSE;
}

static gboolean
is_flux (const Tokens *t,
         gboolean     *out_other_flux)
{
  for (guint i = 0; i < t->n_tokens; i++)
    {
      const char *tok = t->tokens[i];

      if (strcmp (tok, "chroma") == 0)
        return TRUE;

      if (g_str_has_prefix (tok, "flux"))
        {
          /* FLUX.2 (and later) LoRAs do not fit FLUX.1 checkpoints. */
          if ((tok[4] != '\0' && tok[4] != '1' && g_ascii_isdigit (tok[4])) ||
              (tok[4] == '\0' && i + 1 < t->n_tokens && g_ascii_isdigit (t->tokens[i + 1][0]) &&
               strcmp (t->tokens[i + 1], "1") != 0))
            {
              *out_other_flux = TRUE;
              return FALSE;
            }
          return TRUE;
        }
    }

  return FALSE;
}

static gboolean
is_sd3 (const Tokens *t)
{
  for (guint i = 0; i < t->n_tokens; i++)
    if (g_str_has_prefix (t->tokens[i], "sd3"))
      return TRUE;

  return has_pair (t, "sd", "3", "35", "3m") ||
         has_pair (t, "diffusion", "3", "v3", "35");
}

static gboolean
is_sdxl (const Tokens *t)
{
  static const char * const xl_families[] = {
    "pony", "illustrious", "noob", "noobai", "animagine",
  };

  for (guint i = 0; i < t->n_tokens; i++)
    {
      const char *tok = t->tokens[i];

      if (g_str_has_suffix (tok, "xl") || g_str_has_prefix (tok, "sdxl"))
        return TRUE;

      for (guint j = 0; j < G_N_ELEMENTS (xl_families); j++)
        if (strcmp (tok, xl_families[j]) == 0)
          return TRUE;
    }

  return FALSE;
}

static gboolean
is_sd2 (const Tokens *t)
{
  for (guint i = 0; i < t->n_tokens; i++)
    if (g_str_has_prefix (t->tokens[i], "sd2"))
      return TRUE;

  /* Stability's own file names: "v2-1_768-ema-pruned", "768-v-ema", "512-base-ema". */
  if (token_is (t, 0, "v2", NULL, NULL) && token_is (t, 1, "0", "1", NULL))
    return TRUE;
  if (token_is (t, 0, "768", "512", NULL) && token_is (t, 1, "v", "base", NULL) &&
      token_is (t, 2, "ema", "nonema", NULL))
    return TRUE;

  return has_pair (t, "sd", "v2", "2", "21") ||
         has_pair (t, "diffusion", "v2", "2", "21");
}

static gboolean
is_sd15 (const Tokens *t)
{
  for (guint i = 0; i < t->n_tokens; i++)
    if (g_str_has_prefix (t->tokens[i], "sd1"))
      return TRUE;

  /* "v1-5-pruned-emaonly", "v1-4" */
  if (token_is (t, 0, "v1", NULL, NULL) && token_is (t, 1, "5", "4", NULL))
    return TRUE;

  return has_pair (t, "sd", "v1", "1", "15") ||
         has_pair (t, "diffusion", "v1", "1", "15");
}

static const char *
family_from_tokens (const Tokens *t,
                    gboolean     *out_known_other)
{
  if (is_flux (t, out_known_other))
    return LK_BASE_MODEL_FAMILY_FLUX;
  if (*out_known_other)
    return NULL;
  if (is_sd3 (t))
    return LK_BASE_MODEL_FAMILY_SD3;
  if (is_sdxl (t))
    return LK_BASE_MODEL_FAMILY_SDXL;
  if (is_sd2 (t))
    return LK_BASE_MODEL_FAMILY_SD2;
  if (is_sd15 (t))
    return LK_BASE_MODEL_FAMILY_SD15;

  return NULL;
}

const char *
lk_base_model_family_from_string (const char *text)
{
  const char *base;
  const char *family;
  gboolean known_other = FALSE;
  gsize length;
  Tokens t = { 0 };

  if (text == NULL || text[0] == '\0')
    return NULL;

  length = strnlen (text, 4096);

  /* The file name says more than the folders it is in ("loras/sd15/mei-xl.safetensors");
   * but "stable-diffusion-xl-v1-base/lora" keeps its meaning before the slash. */
  base = text + length;
  while (base > text && base[-1] != '/' && base[-1] != '\\')
    base--;

  tokenize (base, text + length - base, &t);
  family = family_from_tokens (&t, &known_other);
  tokens_clear (&t);

  if (family == NULL && !known_other && base != text)
    {
      tokenize (text, length, &t);
      family = family_from_tokens (&t, &known_other);
      tokens_clear (&t);
    }

  return family;
}

const char *
lk_base_model_family_get_display_name (const char *family)
{
  if (family == NULL)
    return NULL;

  if (strcmp (family, LK_BASE_MODEL_FAMILY_SD15) == 0)
    return _("SD 1.5");
  if (strcmp (family, LK_BASE_MODEL_FAMILY_SD2) == 0)
    return _("SD 2");
  if (strcmp (family, LK_BASE_MODEL_FAMILY_SDXL) == 0)
    return _("SDXL");
  if (strcmp (family, LK_BASE_MODEL_FAMILY_SD3) == 0)
    return _("SD 3");
  if (strcmp (family, LK_BASE_MODEL_FAMILY_FLUX) == 0)
    return _("FLUX");

  return NULL;
}
