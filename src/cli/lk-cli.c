/* lk-cli.c
 *
 * Copyright 2026 The Lorakeet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>
#include <stdio.h>
#include <string.h>

#include "lk-cli.h"
#include "lk-cli-verbs.h"

typedef struct
{
  const char    *name;
  LkCliVerbFunc  func;
  const char    *summary;
} LkCliVerb;

static int lk_cli_version (LkCliContext *ctx, int argc, char **argv);
static int lk_cli_help    (LkCliContext *ctx, int argc, char **argv);

/* One line per verb; verbs live in lk-cli-<area>.c and are declared in lk-cli-verbs.h. */
static const LkCliVerb verbs[] = {
  { "help", lk_cli_help, N_("Show this help") },
  { "version", lk_cli_version, N_("Print the version") },
  LK_CLI_VERBS
};

void
lk_cli_print_json (JsonNode *node)
{
  g_autofree char *text = json_to_string (node, TRUE);

  printf ("%s\n", text);
  fflush (stdout);
}

void
lk_cli_print_error (const GError *error)
{
  fprintf (stderr, "lorakeet-cli: %s\n", error->message);
}

gboolean
lk_cli_parse_options (LkCliContext        *ctx,
                      int                 *argc,
                      char              ***argv,
                      const GOptionEntry  *entries,
                      const char          *parameter_string,
                      const char          *summary)
{
  g_autoptr(GOptionContext) context = g_option_context_new (parameter_string);
  g_autoptr(GError) error = NULL;

  g_option_context_set_summary (context, summary);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  if (entries != NULL)
    g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);

  if (!g_option_context_parse (context, argc, argv, &error))
    {
      g_autofree char *help = g_option_context_get_help (context, TRUE, NULL);

      fprintf (stderr, "lorakeet-cli %s: %s\n\n%s", (*argv)[0], error->message, help);
      return FALSE;
    }

  return TRUE;
}

static void
print_usage (FILE *stream)
{
  fprintf (stream, "%s\n\n%s\n",
           _("Usage: lorakeet-cli [--db CONNINFO] [--json] VERB [ARGS…]"),
           _("Verbs:"));
  for (guint i = 0; i < G_N_ELEMENTS (verbs); i++)
    fprintf (stream, "  %-20s %s\n", verbs[i].name, _(verbs[i].summary));
  fprintf (stream, "\n%s\n",
           _("Without --db, LORAKEET_DB is used, then Lorakeet's embedded database. libpq's\n"
             "PG* variables, ~/.pgpass and service files apply as for psql.\n"
             "Run “lorakeet-cli VERB --help” for a verb's options."));
}

static int
lk_cli_version (LkCliContext  *ctx,
                int            argc,
                char         **argv)
{
  printf ("lorakeet-cli %s\n", PACKAGE_VERSION);
  return LK_CLI_EXIT_OK;
}

static int
lk_cli_help (LkCliContext  *ctx,
             int            argc,
             char         **argv)
{
  print_usage (stdout);
  return LK_CLI_EXIT_OK;
}

/* Takes the global options out of @argv wherever they stand (until "--"), so that
 * `lorakeet-cli --db X inspect Mei` and `lorakeet-cli inspect Mei --db X` mean the same. */
static gboolean
extract_global_options (LkCliContext  *ctx,
                        int           *argc,
                        char         **argv)
{
  int kept = 1;
  gboolean after_dashdash = FALSE;

  for (int i = 1; i < *argc; i++)
    {
      const char *arg = argv[i];

      if (after_dashdash)
        {
          argv[kept++] = argv[i];
          continue;
        }

      if (g_str_equal (arg, "--"))
        {
          after_dashdash = TRUE;
          argv[kept++] = argv[i];
        }
      else if (g_str_equal (arg, "--json"))
        ctx->json = TRUE;
      else if (g_str_equal (arg, "--db"))
        {
          if (i + 1 >= *argc)
            {
              fprintf (stderr, "%s\n", _("lorakeet-cli: --db needs a connection string"));
              return FALSE;
            }
          g_free (ctx->conninfo);
          ctx->conninfo = g_strdup (argv[++i]);
        }
      else if (g_str_has_prefix (arg, "--db="))
        {
          g_free (ctx->conninfo);
          ctx->conninfo = g_strdup (arg + strlen ("--db="));
        }
      else
        argv[kept++] = argv[i];
    }

  argv[kept] = NULL;
  *argc = kept;

  return TRUE;
}

int
main (int   argc,
      char *argv[])
{
  LkCliContext ctx = { 0 };
  const char *verb;
  int status = LK_CLI_EXIT_USAGE;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  if (!extract_global_options (&ctx, &argc, argv))
    goto out;

  /* Precedence: --db, then LORAKEET_DB, then the embedded database (NULL). */
  if (ctx.conninfo == NULL && g_getenv ("LORAKEET_DB") != NULL && *g_getenv ("LORAKEET_DB"))
    ctx.conninfo = g_strdup (g_getenv ("LORAKEET_DB"));

  if (argc < 2)
    {
      print_usage (stderr);
      goto out;
    }

  verb = argv[1];
  if (g_str_equal (verb, "--help") || g_str_equal (verb, "-h"))
    verb = "help";
  else if (g_str_equal (verb, "--version"))
    verb = "version";

  for (guint i = 0; i < G_N_ELEMENTS (verbs); i++)
    {
      if (g_str_equal (verbs[i].name, verb))
        {
          status = verbs[i].func (&ctx, argc - 1, argv + 1);
          goto out;
        }
    }

  fprintf (stderr, _("lorakeet-cli: unknown verb “%s”. Run “lorakeet-cli help” for the list.\n"),
           verb);

out:
  g_free (ctx.conninfo);
  return status;
}
