/* lk-provenance-check.c
 *
 * Copyright 2026 The Lorakeet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The library's build sets a default domain; this file logs under its own name. */
#undef G_LOG_DOMAIN
#define G_LOG_DOMAIN "lk-provenance-check"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "lk-provenance-check.h"

char *
lk_lora_name_key (const char *name)
{
  const char *base;
  const char *slash;

  if (name == NULL)
    return NULL;

  /* ComfyUI on Windows sends "chars\\mei.safetensors" even to a Linux client. */
  base = name;
  if ((slash = strrchr (base, '/')) != NULL)
    base = slash + 1;
  if ((slash = strrchr (base, '\\')) != NULL)
    base = slash + 1;
  if (*base == '\0')
    return NULL;

  return g_utf8_casefold (base, -1);
}

gboolean
lk_lora_name_equal (const char *a,
                    const char *b)
{
  g_autofree char *key_a = lk_lora_name_key (a);
  g_autofree char *key_b = lk_lora_name_key (b);

  return key_a != NULL && g_strcmp0 (key_a, key_b) == 0;
}

static gboolean
is_characters (const char         *lora,
               const char         *character_name,
               const char * const *character_loras,
               GHashTable         *owners)
{
  g_autofree char *key = lk_lora_name_key (lora);
  const char *owner;

  if (key == NULL)
    return FALSE;
  for (guint i = 0; character_loras != NULL && character_loras[i] != NULL; i++)
    if (lk_lora_name_equal (lora, character_loras[i]))
      return TRUE;
  owner = owners != NULL ? g_hash_table_lookup (owners, key) : NULL;
  return owner != NULL && g_strcmp0 (owner, character_name) == 0;
}

static const char *
display_name (const char *lora)
{
  const char *slash;

  if (lora == NULL)
    return "?";
  if ((slash = strrchr (lora, '/')) != NULL)
    lora = slash + 1;
  if ((slash = strrchr (lora, '\\')) != NULL)
    lora = slash + 1;
  return lora;
}

LkLoraVerdict
lk_provenance_check_lora (LkProvenance        *provenance,
                          const char          *character_name,
                          const char * const  *character_loras,
                          GHashTable          *owners,
                          char               **message)
{
  guint n_loras;
  gboolean has_own_lora;
  gboolean used_own = FALSE;

  g_return_val_if_fail (LK_IS_PROVENANCE (provenance), LK_LORA_VERDICT_UNKNOWN);
  g_return_val_if_fail (character_name != NULL, LK_LORA_VERDICT_UNKNOWN);

  if (message != NULL)
    *message = NULL;

  if (!lk_provenance_get_has_metadata (provenance))
    {
      if (message != NULL)
        *message = g_strdup (_("Lorakeet cannot tell which LoRA made this frame: it has no "
                               "ComfyUI metadata."));
      return LK_LORA_VERDICT_UNKNOWN;
    }

  has_own_lora = character_loras != NULL && character_loras[0] != NULL;
  n_loras = lk_provenance_get_n_loras (provenance);

  /* Another character's LoRA is the worst case (the wrong character was generated), so it
   * is reported before anything else. */
  for (guint i = 0; i < n_loras; i++)
    {
      const char *name = lk_provenance_get_lora (provenance, i)->name;
      g_autofree char *key = lk_lora_name_key (name);
      const char *owner = key != NULL && owners != NULL ? g_hash_table_lookup (owners, key) : NULL;

      if (is_characters (name, character_name, character_loras, owners))
        {
          used_own = TRUE;
          continue;
        }

      if (owner != NULL)
        {
          if (message != NULL)
            *message = g_strdup_printf (_("This frame was made with %s, which is %s’s LoRA, but "
                                          "it is filed under %s."),
                                        display_name (name), owner, character_name);
          return LK_LORA_VERDICT_OTHER_CHARACTER;
        }
    }

  if (!has_own_lora && n_loras > 0)
    {
      if (message != NULL)
        *message = g_strdup_printf (_("This frame was made with %s, but %s has no LoRA: it "
                                      "should have been made with the base model only."),
                                    display_name (lk_provenance_get_lora (provenance, 0)->name),
                                    character_name);
      return LK_LORA_VERDICT_UNEXPECTED_LORA;
    }

  if (has_own_lora && !used_own)
    {
      if (message != NULL)
        {
          if (n_loras == 0)
            *message = g_strdup_printf (_("This frame was made without a LoRA, but %s’s LoRA "
                                          "is %s."),
                                        character_name, display_name (character_loras[0]));
          else
            *message = g_strdup_printf (_("This frame was made with %s, not with %s’s LoRA "
                                          "%s."),
                                        display_name (lk_provenance_get_lora (provenance, 0)->name),
                                        character_name, display_name (character_loras[0]));
        }
      return LK_LORA_VERDICT_MISSING_LORA;
    }

  return LK_LORA_VERDICT_OK;
}

const char *
lk_lora_verdict_to_string (LkLoraVerdict verdict)
{
  switch (verdict)
    {
    case LK_LORA_VERDICT_OK:
      return "ok";
    case LK_LORA_VERDICT_UNKNOWN:
      return "unknown";
    case LK_LORA_VERDICT_OTHER_CHARACTER:
      return "other-character";
    case LK_LORA_VERDICT_UNEXPECTED_LORA:
      return "unexpected-lora";
    case LK_LORA_VERDICT_MISSING_LORA:
      return "missing-lora";
    default:
      g_return_val_if_reached ("unknown");
    }
}
