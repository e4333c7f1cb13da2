/* lk-output-name.c
 *
 * Copyright 2026 The Lorakeet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Output names (the `filename_prefix` of SaveImage, VHS_VideoCombine, …) from a pattern
 * setting. ComfyUI puts the prefix under its output folder and makes folders for each "/", so
 * whatever comes out of here must stay a relative path without "..": names of projects and
 * characters are reduced to letters, digits, "-", "_" and "." before they are put in.
 *
 * The server expands only %year%, %month%, %day%, %hour%, %minute%, %second%, %width% and
 * %height%; `%date:…%` is expanded by ComfyUI's web page, which Lorakeet does not use, so it
 * is expanded here. Other %…% tokens are left for the server.
 */

#undef G_LOG_DOMAIN
#define G_LOG_DOMAIN "lk-output-name"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "lk-output-name.h"
#include "lk-workflow-error.h"

#define MAX_PART_CHARS 64
#define MAX_NAME_BYTES 240

/**
 * lk_output_name_sanitize_part:
 * @name: a project or character name
 *
 * Makes @name safe as one folder or file name part: letters (of any script), digits, "-",
 * "_" and "." are kept; anything else, spaces included, becomes "_" (runs collapsed); leading
 * dots and underscores go, and the result is cut to 64 characters.
 *
 * Returns: (transfer full): the safe part, possibly empty
 */
char *
lk_output_name_sanitize_part (const char *name)
{
  GString *out;
  guint n_chars = 0;

  g_return_val_if_fail (name != NULL, NULL);

  out = g_string_new (NULL);
  if (!g_utf8_validate (name, -1, NULL))
    return g_string_free (out, FALSE);

  for (const char *s = name; *s != '\0' && n_chars < MAX_PART_CHARS; s = g_utf8_next_char (s))
    {
      gunichar ch = g_utf8_get_char (s);

      if (g_unichar_isalnum (ch) || ch == '-' || ch == '.' || ch == '_')
        {
          if ((ch == '.' || ch == '_') && out->len == 0)
            continue;
          if (ch == '_' && out->len > 0 && out->str[out->len - 1] == '_')
            continue;
          g_string_append_unichar (out, ch);
          n_chars++;
        }
      else if (out->len > 0 && out->str[out->len - 1] != '_')
        {
          g_string_append_c (out, '_');
          n_chars++;
        }
    }

  while (out->len > 0 && (out->str[out->len - 1] == '_' || out->str[out->len - 1] == '.'))
    g_string_truncate (out, out->len - 1);

  return g_string_free (out, FALSE);
}

/* `%date:yyyy-MM-dd%` as ComfyUI's web page expands it. */
static void
append_date (GString    *out,
             const char *format,
             gsize       length,
             GDateTime  *when)
{
  static const struct { const char *token; const char *strftime; } tokens[] = {
    { "yyyy", "%Y" }, { "yy", "%y" }, { "MM", "%m" }, { "M", "%-m" }, { "dd", "%d" },
    { "d", "%-d" }, { "hh", "%H" }, { "h", "%-H" }, { "mm", "%M" }, { "m", "%-M" },
    { "ss", "%S" }, { "s", "%-S" },
  };
  const char *end = format + length;

  for (const char *s = format; s < end;)
    {
      gboolean matched = FALSE;

      for (guint i = 0; i < G_N_ELEMENTS (tokens) && !matched; i++)
        {
          gsize n = strlen (tokens[i].token);

          if ((gsize) (end - s) >= n && strncmp (s, tokens[i].token, n) == 0)
            {
              g_autofree char *value = g_date_time_format (when, tokens[i].strftime);

              g_string_append (out, value);
              s += n;
              matched = TRUE;
            }
        }
      if (!matched)
        g_string_append_c (out, *s++);
    }
}

static gboolean
append_part (GString     *out,
             const char  *placeholder,
             const char  *value,
             GError     **error)
{
  g_autofree char *safe = NULL;

  if (value == NULL || *value == '\0')
    {
      g_set_error (error, LK_WORKFLOW_ERROR, LK_WORKFLOW_ERROR_INVALID_ARGUMENT,
                   _("The output name pattern uses {%s}, but no %s was given"),
                   placeholder, placeholder);
      return FALSE;
    }

  safe = lk_output_name_sanitize_part (value);
  if (*safe == '\0')
    {
      g_set_error (error, LK_WORKFLOW_ERROR, LK_WORKFLOW_ERROR_INVALID_ARGUMENT,
                   _("The %s name “%s” has no letters or digits to use in a file name"),
                   placeholder, value);
      return FALSE;
    }

  g_string_append (out, safe);
  return TRUE;
}

static gboolean
expand_placeholder (GString     *out,
                    const char  *name,
                    const char  *kind,
                    const char  *project,
                    const char  *character,
                    GDateTime   *when,
                    GError     **error)
{
  if (strcmp (name, "kind") == 0)
    g_string_append (out, kind);
  else if (strcmp (name, "timestamp") == 0)
    g_string_append_printf (out, "%" G_GINT64_FORMAT, g_date_time_to_unix (when));
  else if (strcmp (name, "date") == 0)
    append_date (out, "yyyy-MM-dd", 10, when);
  else if (strcmp (name, "time") == 0)
    append_date (out, "hhmmss", 6, when);
  else if (strcmp (name, "project") == 0)
    return append_part (out, "project", project, error);
  else if (strcmp (name, "character") == 0)
    return append_part (out, "character", character, error);
  else
    {
      g_set_error (error, LK_WORKFLOW_ERROR, LK_WORKFLOW_ERROR_INVALID_ARGUMENT,
                   _("The output name pattern has an unknown placeholder {%s}; use {kind}, "
                     "{timestamp}, {date}, {time}, {project} or {character}"), name);
      return FALSE;
    }

  return TRUE;
}

/* The result must stay inside ComfyUI's output folder on any server. */
static gboolean
check_relative_path (const char  *pattern,
                     const char  *name,
                     GError     **error)
{
  g_auto(GStrv) segments = NULL;
  const char *problem = NULL;

  if (*name == '\0')
    problem = _("it gives an empty name");
  else if (strlen (name) > MAX_NAME_BYTES)
    problem = _("it gives a name that is too long");
  else if (name[0] == '/')
    problem = _("names must not start with “/”");
  else if (strchr (name, '\\') != NULL || strchr (name, ':') != NULL)
    problem = _("names must not contain “\\” or “:”; use “/” for subfolders");

  for (const char *s = name; problem == NULL && *s != '\0'; s = g_utf8_next_char (s))
    if (g_unichar_iscntrl (g_utf8_get_char (s)))
      problem = _("names must not contain control characters");

  if (problem == NULL)
    {
      segments = g_strsplit (name, "/", -1);
      for (guint i = 0; segments[i] != NULL && problem == NULL; i++)
        {
          if (*segments[i] == '\0')
            problem = _("it gives an empty folder or file name");
          else if (strcmp (segments[i], ".") == 0 || strcmp (segments[i], "..") == 0)
            problem = _("“.” and “..” would leave ComfyUI’s output folder");
        }
    }

  if (problem != NULL)
    {
      g_set_error (error, LK_WORKFLOW_ERROR, LK_WORKFLOW_ERROR_INVALID_ARGUMENT,
                   _("The output name pattern “%s” cannot be used: %s"), pattern, problem);
      return FALSE;
    }

  return TRUE;
}

/**
 * lk_output_name_expand:
 * @pattern: the pattern, e.g. %LK_OUTPUT_NAME_DEFAULT_PATTERN or
 *   `anime/{project}/{character}/anime_{kind}_{timestamp}`
 * @kind: `image` or `video`
 * @project: (nullable): the project's name, for `{project}`
 * @character: (nullable): the character's name, for `{character}`
 * @timestamp: the time of the generation
 * @error: return location for a #LK_WORKFLOW_ERROR
 *
 * Expands an output name pattern. Placeholders: `{kind}`, `{timestamp}` (Unix seconds),
 * `{date}` (yyyy-MM-dd), `{time}` (hhmmss), `{project}`, `{character}`; "/" makes subfolders;
 * `%date:…%` is expanded with ComfyUI's tokens (yyyy, yy, MM, M, dd, d, hh, h, mm, m, ss, s).
 * The result is refused if it is empty, absolute, or would leave the output folder.
 *
 * Returns: (transfer full) (nullable): the `filename_prefix`, or %NULL with @error set
 */
char *
lk_output_name_expand (const char  *pattern,
                       const char  *kind,
                       const char  *project,
                       const char  *character,
                       GDateTime   *timestamp,
                       GError     **error)
{
  g_autoptr(GString) out = NULL;

  g_return_val_if_fail (pattern != NULL, NULL);
  g_return_val_if_fail (kind != NULL, NULL);
  g_return_val_if_fail (timestamp != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!g_utf8_validate (pattern, -1, NULL))
    {
      g_set_error_literal (error, LK_WORKFLOW_ERROR, LK_WORKFLOW_ERROR_INVALID_ARGUMENT,
                           _("The output name pattern is not UTF-8 text"));
      return NULL;
    }

  out = g_string_new (NULL);
  for (const char *s = pattern; *s != '\0';)
    {
      if (*s == '{')
        {
          const char *close = strchr (s, '}');
          g_autofree char *name = NULL;

          if (close == NULL)
            {
              g_set_error (error, LK_WORKFLOW_ERROR, LK_WORKFLOW_ERROR_INVALID_ARGUMENT,
                           _("The output name pattern “%s” has a “{” without its “}”"), pattern);
              return NULL;
            }
          name = g_strndup (s + 1, close - s - 1);
          if (!expand_placeholder (out, name, kind, project, character, timestamp, error))
            return NULL;
          s = close + 1;
        }
      else if (g_str_has_prefix (s, "%date:") && strchr (s + 6, '%') != NULL)
        {
          const char *close = strchr (s + 6, '%');

          append_date (out, s + 6, close - (s + 6), timestamp);
          s = close + 1;
        }
      else
        {
          g_string_append_c (out, *s++);
        }
    }

  if (!check_relative_path (pattern, out->str, error))
    return NULL;

  return g_string_free (g_steal_pointer (&out), FALSE);
}
