package cli

import (
	"context"
	"fmt"
	"os"
	"strings"
	"time"

	"atelier/assets"
	"atelier/brandkit"
	"atelier/studio"
	"atelier/studio/platform"
)

// renderOptions are `atelier render`'s options.
type renderOptions struct {
	kitDir, image, placements, out, focal string
	maxMP                                 int
	variant                               assets.VariantOptions
}

func parseRender(args []string) (renderOptions, error) {
	var o renderOptions
	fs := newFlags("render", "usage: atelier render [--kit DIR] --image FILE [--placements instagram.feed,linkedin.link,...] [--out DIR]\n\t[--focal X,Y] [--headline TEXT] [--band] [--label TEXT] [--frame COLOUR] [--no-logo] [--format jpeg|png] [--quality 90]\n\nRenders one image for every placement: a crop around the focal point that keeps\nit in the safe area, the kit's logo in an allowed corner with its clear space,\nand an optional headline coloured for WCAG contrast. Each render gets a\nFILE.atelier.json the brand checker reads.")
	kitFlag(fs, &o.kitDir)
	fs.StringVar(&o.image, "image", "", "the source image (PNG, JPEG, GIF or WebP)")
	fs.StringVar(&o.placements, "placements", "", "comma-separated placement ids (default: every placement of the registry)")
	fs.StringVar(&o.out, "out", "variants", "the folder to write the renders to")
	fs.StringVar(&o.focal, "focal", "", "focal point as x,y fractions of the image, e.g. 0.66,0.4 (default: found by saliency)")
	v := &o.variant
	fs.StringVar(&v.Headline, "headline", "", "a headline to set in the kit's heading font")
	fs.BoolVar(&v.Band, "band", false, "always put a band in a kit colour behind the headline")
	fs.StringVar(&v.Label, "label", "", `a mention stamped on a band at the top, such as "Publicité" or "Image retouchée"`)
	fs.StringVar(&v.Frame, "frame", "", "a frame in this kit colour (name, role or #RRGGBB)")
	fs.BoolVar(&v.NoLogo, "no-logo", false, "leave the logo out")
	fs.StringVar(&v.Format, "format", "jpeg", "jpeg or png")
	fs.IntVar(&v.Quality, "quality", 90, "JPEG quality, 1-100")
	fs.IntVar(&o.maxMP, "max-mp", assets.DefaultMaxPixels/1_000_000, "refuse sources over this many megapixels")
	if err := fs.Parse(args); err != nil {
		return o, err
	}
	if o.image == "" || fs.NArg() > 0 {
		fs.Usage()
		return o, errFailed
	}
	if o.focal != "" {
		var f assets.Focal
		if _, err := fmt.Sscanf(o.focal, "%g,%g", &f.X, &f.Y); err != nil || !f.Valid() {
			return o, fmt.Errorf("--focal %q: give two fractions from 0 to 1, such as 0.66,0.4", o.focal)
		}
		v.Focal = &f
	}
	return o, nil
}

// runRender renders the image for every placement asked, writes each
// render with its metadata, and prints how each was made and checks.
func runRender(ctx context.Context, s streams, o renderOptions) error {
	var ids []string
	if o.placements != "" {
		ids = strings.Split(o.placements, ",")
	}
	pls, err := studio.Placements(platform.Default(), "", ids)
	if err != nil {
		return err
	}
	kit, closeKit, err := loadKit(o.kitDir)
	defer closeKit()
	if err != nil {
		return fmt.Errorf("the brand kit has problems; run `atelier kit validate`:\n%w", err)
	}
	brand, err := assets.LoadBrand(kit)
	if err != nil {
		return err
	}
	start := time.Now()
	data, err := os.ReadFile(o.image)
	if err != nil {
		return err
	}
	src, info, err := assets.DecodeImage(o.image, data, o.maxMP*1_000_000)
	if err != nil {
		return err
	}
	decoded := time.Since(start)
	vs, err := assets.RenderVariants(ctx, src, brand, o.variant, pls, nil)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(o.out, 0o755); err != nil {
		return err
	}
	how := "set"
	if o.variant.Focal == nil {
		how = "found by saliency"
	}
	fmt.Fprintf(s.out, "%s: %d×%d %s (EXIF orientation %d), decoded in %v; focal point %.2f,%.2f (%s)\n",
		o.image, info.Width, info.Height, info.Format, info.Orientation, decoded.Round(time.Millisecond), vs[0].Meta.Focal.X, vs[0].Meta.Focal.Y, how)
	for _, n := range append(brand.Notes, info.ProfileNote()) {
		if n != "" {
			fmt.Fprintln(s.out, n)
		}
	}
	if err := s.writeRenders(kit, o.out, vs); err != nil {
		return err
	}
	fmt.Fprintf(s.out, "%d renders in %s, in %v\n", len(vs), o.out, time.Since(start).Round(time.Millisecond))
	return nil
}

// writeRenders writes each render into dir and prints how it was made and
// what its check found.
func (s streams) writeRenders(kit *brandkit.Kit, dir string, vs []*assets.Variant) error {
	out := s.out
	for _, v := range vs {
		if _, err := assets.WriteVariant(dir, v); err != nil {
			return err
		}
		rep := v.Check(kit)
		text := ""
		if len(v.Meta.Text) > 0 {
			text = fmt.Sprintf(", headline %s", v.Meta.Text[0].Colour)
		}
		fmt.Fprintf(out, "  %-20s %4d×%-4d crop %v, %s, logo %s%s; check %d/100\n", v.Placement.ID, v.Placement.Width, v.Placement.Height,
			v.Meta.Crop, v.Meta.Filter, v.Meta.Corner, text, rep.Score)
		for _, f := range rep.Findings {
			fmt.Fprintf(out, "      %s\n", s.finding(f))
		}
		for _, n := range v.Meta.Notes {
			fmt.Fprintln(out, "      "+n)
		}
	}
	return nil
}
