/* lk-palette.h
 *
 * Copyright 2026 The Lorakeet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gdk-pixbuf/gdk-pixbuf.h>

G_BEGIN_DECLS

/**
 * LK_PALETTE_DEFAULT_COLORS:
 *
 * How many dominant colours a frame's palette keeps: enough for hair, eyes, skin, outfit and
 * background, few enough that noise does not get a colour of its own.
 */
#define LK_PALETTE_DEFAULT_COLORS 8

/**
 * LkPaletteColor:
 * @l: CIELAB lightness, 0–100
 * @a: CIELAB green–red axis
 * @b: CIELAB blue–yellow axis
 * @weight: the share of the image's pixels nearest this colour, 0–1
 *
 * One dominant colour of an image, in a space where Euclidean distance follows perceived
 * difference (ΔE 1976).
 */
typedef struct
{
  float l;
  float a;
  float b;
  float weight;
} LkPaletteColor;

#define LK_TYPE_PALETTE (lk_palette_get_type ())

/**
 * LkPalette:
 *
 * The dominant colours of an image with their weights, heaviest first. Immutable once made,
 * so it may be shared between threads.
 */
typedef struct _LkPalette LkPalette;

GType                 lk_palette_get_type        (void) G_GNUC_CONST;

/**
 * lk_palette_new_from_pixbuf:
 * @pixbuf: an image; downscale it first (a few hundred pixels a side is plenty)
 * @n_colors: how many colours at most, see %LK_PALETTE_DEFAULT_COLORS
 *
 * Finds the dominant colours of @pixbuf: a median cut in CIELAB gives the starting colours,
 * then a few k-means rounds settle them. Pixels more than half transparent are ignored.
 * Deterministic: the same pixels give the same palette.
 *
 * Returns: (transfer full): the palette, empty when no pixel is opaque enough
 */
LkPalette            *lk_palette_new_from_pixbuf (GdkPixbuf      *pixbuf,
                                                  guint           n_colors);

/**
 * lk_palette_new_from_string:
 * @text: a palette as lk_palette_to_string() wrote it
 * @error: return location for a #GError (%G_IO_ERROR_INVALID_DATA)
 *
 * Returns: (transfer full) (nullable): the palette, or %NULL with @error set
 */
LkPalette            *lk_palette_new_from_string (const char     *text,
                                                  GError        **error);

/**
 * lk_palette_to_string:
 * @self: a palette
 *
 * A compact text form for storage: "L a b weight" per colour, colours separated by ";",
 * in the C locale.
 *
 * Returns: (transfer full): the text
 */
char                 *lk_palette_to_string       (const LkPalette *self);

/**
 * lk_palette_ref:
 * @self: a palette
 *
 * Returns: (transfer full): @self
 */
LkPalette            *lk_palette_ref             (LkPalette      *self);

/**
 * lk_palette_unref:
 * @self: a palette
 *
 * Drops a reference; the last one frees the palette.
 */
void                  lk_palette_unref           (LkPalette      *self);

/**
 * lk_palette_get_n_colors:
 * @self: a palette
 *
 * Returns: how many colours @self holds
 */
guint                 lk_palette_get_n_colors    (const LkPalette *self);

/**
 * lk_palette_get_color:
 * @self: a palette
 * @index: below lk_palette_get_n_colors()
 *
 * Returns: (transfer none): the colour, heaviest first
 */
const LkPaletteColor *lk_palette_get_color       (const LkPalette *self,
                                                  guint            index);

/**
 * lk_palette_distance:
 * @a: a palette
 * @b: another palette
 *
 * How far apart two palettes look: each colour of one is matched to the nearest colour of
 * the other (ΔE 1976 in CIELAB), the distances are averaged by weight, and the two
 * directions are averaged so the distance is symmetric. 0 for identical palettes; about 10
 * for frames of one character under different light; 30 and more for different outfits.
 * An empty palette is infinitely far from a non-empty one.
 *
 * Returns: the distance, in ΔE units
 */
double                lk_palette_distance        (const LkPalette *a,
                                                  const LkPalette *b);

/**
 * lk_palette_rgb_to_lab:
 * @r: red, 0–255 (sRGB)
 * @g: green
 * @b: blue
 * @lab: (out caller-allocates) (array fixed-size=3): L, a, b
 *
 * Converts an sRGB colour to CIELAB under the D65 white point.
 */
void                  lk_palette_rgb_to_lab      (guint8          r,
                                                  guint8          g,
                                                  guint8          b,
                                                  float           lab[3]);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LkPalette, lk_palette_unref)

G_END_DECLS
