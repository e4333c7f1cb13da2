/* lk-cli.h
 *
 * Copyright 2026 The Lorakeet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* Exit codes shared by every verb: scripts rely on them. */
typedef enum
{
  LK_CLI_EXIT_OK = 0,     /* everything asked for succeeded */
  LK_CLI_EXIT_FAILED = 1, /* the command ran, and something it checked or did failed */
  LK_CLI_EXIT_USAGE = 2,  /* bad usage, bad configuration, or no connection */
} LkCliExit;

/**
 * LkCliContext:
 * @conninfo: the catalog connection from `--db` or `LORAKEET_DB`; %NULL means the embedded
 *   database
 * @json: whether `--json` was given: machine-readable output on stdout
 *
 * The global options, accepted before or after the verb.
 */
typedef struct
{
  char     *conninfo;
  gboolean  json;
} LkCliContext;

/**
 * LkCliVerbFunc:
 * @ctx: the global options
 * @argc: the number of arguments, the verb included
 * @argv: the verb's arguments; `argv[0]` is the verb itself
 *
 * Runs one verb. Verbs parse their own options with #GOptionContext.
 *
 * Returns: an #LkCliExit code
 */
typedef int (*LkCliVerbFunc) (LkCliContext  *ctx,
                              int            argc,
                              char         **argv);

/**
 * lk_cli_print_json:
 * @node: the document to print
 *
 * Prints @node on stdout, pretty-printed, followed by a newline.
 */
void     lk_cli_print_json   (JsonNode      *node);

/**
 * lk_cli_print_error:
 * @error: the error to report
 *
 * Prints "lorakeet-cli: " and the error's message on stderr.
 */
void     lk_cli_print_error  (const GError  *error);

/**
 * lk_cli_parse_options:
 * @ctx: the global options (for `--json` in the usage text)
 * @argc: (inout): the verb's argument count
 * @argv: (inout): the verb's arguments
 * @entries: the verb's option entries
 * @parameter_string: the positional arguments shown in `--help`, e.g. "CHARACTER"
 * @summary: one line saying what the verb does
 *
 * Parses a verb's options, printing the problem and the verb's usage on failure.
 *
 * Returns: %TRUE when the options parsed; otherwise the verb returns %LK_CLI_EXIT_USAGE
 */
gboolean lk_cli_parse_options (LkCliContext        *ctx,
                               int                 *argc,
                               char              ***argv,
                               const GOptionEntry  *entries,
                               const char          *parameter_string,
                               const char          *summary);

G_END_DECLS
