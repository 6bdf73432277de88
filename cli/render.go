package cli

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"atelier/assets"
	"atelier/studio"
	"atelier/studio/platform"
)

func renderCommand(ctx context.Context, out io.Writer, args []string) error {
	fs := flag.NewFlagSet("render", flag.ContinueOnError)
	kitDir := kitFlag(fs)
	imagePath := fs.String("image", "", "the source image (PNG, JPEG, GIF or WebP)")
	list := fs.String("placements", "", "comma-separated placement ids (default: every placement of the registry)")
	outDir := fs.String("out", "variants", "the folder to write the renders to")
	focal := fs.String("focal", "", "focal point as x,y fractions of the image, e.g. 0.66,0.4 (default: found by saliency)")
	headline := fs.String("headline", "", "a headline to set in the kit's heading font")
	band := fs.Bool("band", false, "always put a band in a kit colour behind the headline")
	label := fs.String("label", "", `a mention stamped on a band at the top, such as "Publicité" or "Image retouchée"`)
	frame := fs.String("frame", "", "a frame in this kit colour (name, role or #RRGGBB)")
	noLogo := fs.Bool("no-logo", false, "leave the logo out")
	format := fs.String("format", "jpeg", "jpeg or png")
	quality := fs.Int("quality", 90, "JPEG quality, 1-100")
	maxMP := fs.Int("max-mp", assets.DefaultMaxPixels/1_000_000, "refuse sources over this many megapixels")
	fs.Usage = func() {
		fmt.Fprintln(fs.Output(), "usage: atelier render [--kit DIR] --image FILE [--placements instagram.feed,linkedin.link,...] [--out DIR]\n\t[--focal X,Y] [--headline TEXT] [--band] [--label TEXT] [--frame COLOUR] [--no-logo] [--format jpeg|png] [--quality 90]\n\nRenders one image for every placement: a crop around the focal point that keeps\nit in the safe area, the kit's logo in an allowed corner with its clear space,\nand an optional headline coloured for WCAG contrast. Each render gets a\nFILE.atelier.json the brand checker reads.")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *imagePath == "" || fs.NArg() > 0 {
		fs.Usage()
		return errFailed
	}
	opt := assets.VariantOptions{Headline: *headline, Band: *band, Label: *label, Frame: *frame, NoLogo: *noLogo, Format: *format, Quality: *quality}
	if *focal != "" {
		var f assets.Focal
		if _, err := fmt.Sscanf(*focal, "%g,%g", &f.X, &f.Y); err != nil || !f.Valid() {
			return fmt.Errorf("--focal %q: give two fractions from 0 to 1, such as 0.66,0.4", *focal)
		}
		opt.Focal = &f
	}
	var ids []string
	if *list != "" {
		ids = strings.Split(*list, ",")
	}
	reg := platform.Default()
	pls, err := studio.Placements(reg, "", ids)
	if err != nil {
		return err
	}
	kit, closeKit, err := loadKit(*kitDir)
	defer closeKit()
	if err != nil {
		return fmt.Errorf("the brand kit has problems; run `atelier kit validate`:\n%w", err)
	}
	brand, err := assets.LoadBrand(kit)
	if err != nil {
		return err
	}
	start := time.Now()
	data, err := os.ReadFile(*imagePath)
	if err != nil {
		return err
	}
	src, info, err := assets.DecodeImage(*imagePath, data, *maxMP*1_000_000)
	if err != nil {
		return err
	}
	decoded := time.Since(start)
	vs, err := assets.RenderVariants(ctx, src, brand, opt, pls, nil)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(*outDir, 0o755); err != nil {
		return err
	}
	how := "set"
	if opt.Focal == nil {
		how = "found by saliency"
	}
	fmt.Fprintf(out, "%s: %d×%d %s (EXIF orientation %d), decoded in %v; focal point %.2f,%.2f (%s)\n",
		*imagePath, info.Width, info.Height, info.Format, info.Orientation, decoded.Round(time.Millisecond), vs[0].Meta.Focal.X, vs[0].Meta.Focal.Y, how)
	for _, n := range append(brand.Notes, info.ProfileNote()) {
		if n == "" {
			continue
		}
		fmt.Fprintln(out, n)
	}
	for _, v := range vs {
		if _, err := assets.WriteVariant(*outDir, v); err != nil {
			return err
		}
		rep := v.Check(kit)
		text := ""
		if len(v.Meta.Text) > 0 {
			tb := v.Meta.Text[0]
			text = fmt.Sprintf(", headline %s", tb.Colour)
		}
		fmt.Fprintf(out, "  %-20s %4d×%-4d crop %v, %s, logo %s%s; check %d/100\n", v.Placement.ID, v.Placement.Width, v.Placement.Height,
			v.Meta.Crop, v.Meta.Filter, v.Meta.Corner, text, rep.Score)
		for _, f := range rep.Findings {
			fmt.Fprintf(out, "      %s %s: %s\n", f.Severity, f.Rule, f.Message)
		}
		for _, n := range v.Meta.Notes {
			fmt.Fprintln(out, "      "+n)
		}
	}
	fmt.Fprintf(out, "%d renders in %s, in %v\n", len(vs), *outDir, time.Since(start).Round(time.Millisecond))
	return nil
}
