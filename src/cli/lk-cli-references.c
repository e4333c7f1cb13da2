/* lk-cli-references.c
 *
 * Copyright 2026 The Lorakeet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* A character's reference images from a terminal: `references add|list|remove|caption`. */

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "lk-catalog-references.h"
#include "lk-cli-catalog.h"
#include "lk-cli-verbs.h"

/* references ------------------------------------------------------------------------------- */

static GListModel *
list_references (LkCliSession  *session,
                 gint64         character_id,
                 GError       **error)
{
  g_autoptr(GAsyncResult) result = NULL;
  LkCliWait wait = LK_CLI_WAIT_INIT;

  lk_catalog_list_reference_images_async (session->catalog, character_id, NULL, lk_cli_wait_cb,
                                          &wait);
  result = lk_cli_wait_run (&wait);
  return lk_catalog_list_reference_images_finish (session->catalog, result, error);
}

static void
add_reference_json (JsonBuilder      *builder,
                    LkReferenceImage *image)
{
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "id");
  json_builder_add_int_value (builder, lk_reference_image_get_id (image));
  lk_cli_json_add_string (builder, "path", lk_reference_image_get_path (image));
  lk_cli_json_add_string (builder, "role",
                          lk_reference_role_to_string (lk_reference_image_get_role (image)));
  lk_cli_json_add_string (builder, "caption", lk_reference_image_get_caption (image));
  lk_cli_json_add_string (builder, "content_hash", lk_reference_image_get_content_hash (image));
  json_builder_set_member_name (builder, "width");
  json_builder_add_int_value (builder, lk_reference_image_get_width (image));
  json_builder_set_member_name (builder, "height");
  json_builder_add_int_value (builder, lk_reference_image_get_height (image));
  json_builder_end_object (builder);
}

static void
print_reference (LkReferenceImage *image)
{
  printf ("%-5lld %-15s %5d×%-5d %s\n", (long long)lk_reference_image_get_id (image),
          lk_reference_role_to_string (lk_reference_image_get_role (image)),
          lk_reference_image_get_width (image), lk_reference_image_get_height (image),
          lk_reference_image_get_path (image));
  if (lk_reference_image_get_caption (image) != NULL)
    printf ("      %s\n", lk_reference_image_get_caption (image));
}

static int
references_list (LkCliContext *ctx,
                 LkCliSession *session,
                 LkCharacter  *character)
{
  g_autoptr(GListModel) images = NULL;
  g_autoptr(GError) error = NULL;
  guint n;

  if (!(images = list_references (session, lk_character_get_id (character), &error)))
    return lk_cli_fail (error);

  n = g_list_model_get_n_items (images);
  if (ctx->json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_array (builder);
      for (guint i = 0; i < n; i++)
        {
          g_autoptr(LkReferenceImage) image = g_list_model_get_item (images, i);

          add_reference_json (builder, image);
        }
      json_builder_end_array (builder);
      lk_cli_print_builder (builder);
      return LK_CLI_EXIT_OK;
    }

  if (n == 0)
    printf (_("%s has no reference images. Add some with “lorakeet-cli references add”.\n"),
            lk_character_get_name (character));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(LkReferenceImage) image = g_list_model_get_item (images, i);

      print_reference (image);
    }
  return LK_CLI_EXIT_OK;
}

static int
references_add (LkCliContext  *ctx,
                LkCliSession  *session,
                LkCharacter   *character,
                char         **paths,
                const char    *role_name,
                const char    *caption)
{
  LkReferenceRole role = LK_REFERENCE_ROLE_TRAINING_IMAGE;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  int status = LK_CLI_EXIT_OK;

  if (role_name != NULL && !lk_reference_role_from_string (role_name, &role))
    {
      g_printerr (_("lorakeet-cli: unknown role “%s”: use “training-image” or "
                    "“reference-sheet”.\n"), role_name);
      return LK_CLI_EXIT_USAGE;
    }

  json_builder_begin_array (builder);
  for (guint i = 0; paths[i]; i++)
    {
      g_autoptr(GAsyncResult) result = NULL;
      g_autoptr(LkReferenceImage) image = NULL;
      g_autoptr(GError) error = NULL;
      LkCliWait wait = LK_CLI_WAIT_INIT;

      /* one at a time, so a bad file is reported and the others still added */
      lk_catalog_add_reference_image_async (session->catalog, lk_character_get_id (character),
                                            paths[i], role, caption, NULL, lk_cli_wait_cb, &wait);
      result = lk_cli_wait_run (&wait);
      if (!(image = lk_catalog_add_reference_image_finish (session->catalog, result, &error)))
        {
          lk_cli_print_error (error);
          status = LK_CLI_EXIT_FAILED;
          continue;
        }
      if (ctx->json)
        add_reference_json (builder, image);
      else
        printf (_("Added %s to %s (id %lld).\n"), lk_reference_image_get_path (image),
                lk_character_get_name (character), (long long)lk_reference_image_get_id (image));
    }
  json_builder_end_array (builder);
  if (ctx->json)
    lk_cli_print_builder (builder);

  return status;
}

/* A reference id as "references list" prints it, or 0 after saying what is wrong. */
static gint64
parse_reference_id (const char *text)
{
  gint64 id = 0;

  if (!g_ascii_string_to_signed (text, 10, 1, G_MAXINT64, &id, NULL))
    {
      g_printerr (_("lorakeet-cli: “%s” is not a reference id; “references list” shows them.\n"),
                  text);
      return 0;
    }

  return id;
}

static int
references_remove (LkCliSession *session,
                   const char   *id_text)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  LkCliWait wait = LK_CLI_WAIT_INIT;
  gint64 id = parse_reference_id (id_text);

  if (id == 0)
    return LK_CLI_EXIT_USAGE;

  lk_catalog_remove_reference_image_async (session->catalog, id, NULL, lk_cli_wait_cb, &wait);
  result = lk_cli_wait_run (&wait);
  if (!lk_catalog_remove_reference_image_finish (session->catalog, result, &error))
    return lk_cli_fail (error);

  printf (_("Removed reference %lld (the file was kept).\n"), (long long)id);
  return LK_CLI_EXIT_OK;
}

static int
references_caption (LkCliSession *session,
                    const char   *id_text,
                    const char   *caption)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  LkCliWait wait = LK_CLI_WAIT_INIT;
  gint64 id = parse_reference_id (id_text);

  if (id == 0)
    return LK_CLI_EXIT_USAGE;

  lk_catalog_set_reference_caption_async (session->catalog, id, caption, NULL, lk_cli_wait_cb,
                                          &wait);
  result = lk_cli_wait_run (&wait);
  if (!lk_catalog_set_reference_caption_finish (session->catalog, result, &error))
    return lk_cli_fail (error);

  printf (_("Caption of reference %lld saved.\n"), (long long)id);
  return LK_CLI_EXIT_OK;
}

int
lk_cli_references (LkCliContext  *ctx,
                   int            argc,
                   char         **argv)
{
  g_auto(LkCliSession) session = { 0 };
  g_autoptr(LkCharacter) character = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *role = NULL;
  g_autofree char *caption = NULL;
  const GOptionEntry entries[] = {
    { "role", 0, 0, G_OPTION_ARG_STRING, &role,
      N_("training-image (default) or reference-sheet"), "ROLE" },
    { "caption", 0, 0, G_OPTION_ARG_STRING, &caption,
      N_("The training caption, trigger word first"), "TEXT" },
    { NULL }
  };

  if (!lk_cli_parse_options (ctx, &argc, &argv, entries,
                             "add CHARACTER FILE… | list CHARACTER | remove ID | caption ID TEXT",
                             _("Add, list or remove a character's reference images")))
    return LK_CLI_EXIT_USAGE;

  if (!((argc >= 4 && g_str_equal (argv[1], "add"))
        || (argc == 3 && g_str_equal (argv[1], "list"))
        || (argc == 3 && g_str_equal (argv[1], "remove"))
        || (argc == 4 && g_str_equal (argv[1], "caption"))))
    {
      g_printerr ("%s\n", _("Usage: lorakeet-cli references add CHARACTER FILE… [--role ROLE] "
                            "[--caption TEXT]\n"
                            "       lorakeet-cli references list CHARACTER\n"
                            "       lorakeet-cli references remove ID\n"
                            "       lorakeet-cli references caption ID TEXT"));
      return LK_CLI_EXIT_USAGE;
    }

  if (!lk_cli_session_open (&session, ctx, LK_CATALOG_OPEN_NONE, &error))
    return lk_cli_fail (error);

  if (g_str_equal (argv[1], "remove"))
    return references_remove (&session, argv[2]);
  if (g_str_equal (argv[1], "caption"))
    return references_caption (&session, argv[2], argv[3]);

  if (!(character = lk_cli_find_character (&session, argv[2], &error)))
    return lk_cli_fail (error);

  if (g_str_equal (argv[1], "list"))
    return references_list (ctx, &session, character);

  return references_add (ctx, &session, character, argv + 3, role, caption);
}

