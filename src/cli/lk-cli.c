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

/* Exit codes shared by every verb: scripts rely on them. */
enum {
  LK_CLI_EXIT_OK = 0,
  LK_CLI_EXIT_FAILED = 1,
  LK_CLI_EXIT_USAGE = 2,
};

static void
print_usage (FILE *stream)
{
  fprintf (stream, "%s",
           _("Usage: lorakeet-cli [--db CONNINFO] [--json] VERB [ARGS…]\n"
             "\n"
             "Verbs:\n"
             "  version        Print the version\n"
             "  help           Show this help\n"));
}

int
main (int   argc,
      char *argv[])
{
  const char *verb;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  if (argc < 2)
    {
      print_usage (stderr);
      return LK_CLI_EXIT_USAGE;
    }

  verb = argv[1];

  if (g_str_equal (verb, "version") || g_str_equal (verb, "--version"))
    {
      printf ("lorakeet-cli %s\n", PACKAGE_VERSION);
      return LK_CLI_EXIT_OK;
    }

  if (g_str_equal (verb, "help") || g_str_equal (verb, "--help") || g_str_equal (verb, "-h"))
    {
      print_usage (stdout);
      return LK_CLI_EXIT_OK;
    }

  fprintf (stderr, _("lorakeet-cli: unknown verb “%s”. Run “lorakeet-cli help” for the list.\n"),
           verb);
  return LK_CLI_EXIT_USAGE;
}
