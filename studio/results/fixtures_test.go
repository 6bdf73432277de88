package results

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
)

// TestWriteLinkedInFixtures rewrites the LinkedIn workbooks in testdata from
// the rows below when ATELIER_UPDATE_FIXTURES=1; the committed files are what
// the reader tests read.
func TestWriteLinkedInFixtures(t *testing.T) {
	if os.Getenv("ATELIER_UPDATE_FIXTURES") != "1" {
		t.Skip("set ATELIER_UPDATE_FIXTURES=1 to rewrite the LinkedIn fixtures")
	}
	for _, fx := range linkedinFixtures() {
		if err := writeWorkbook(filepath.Join("testdata", fx.file), fx.sheets); err != nil {
			t.Fatal(err)
		}
	}
}

type sheetRows struct {
	name string
	rows [][]any
}

type workbookFixture struct {
	file   string
	sheets []sheetRows
}

func linkedinFixtures() []workbookFixture {
	enHeader := []any{"Post title", "Post link", "Post type", "Campaign name", "Posted by", "Created date",
		"Campaign start date", "Campaign end date", "Audience", "Impressions",
		"Views (excluding off-site video views)", "Off-site views", "Clicks", "Click through rate (CTR)",
		"Likes", "Comments", "Reposts", "Follows", "Engagement rate", "Content Type"}
	frHeader := []any{"Titre du post", "Lien du post", "Type de post", "Nom de la campagne", "Publié par",
		"Date de création", "Date de début de la campagne", "Date de fin de la campagne", "Audience",
		"Impressions", "Vues (hors vues de vidéos hors site)", "Vues hors site", "Clics", "Taux de clics (CTR)",
		"J’aime", "Commentaires", "Republications", "Abonnements", "Taux d’engagement", "Type de contenu"}
	served := time.Date(2026, 9, 30, 0, 0, 0, 0, time.UTC)
	enRows := [][]any{
		{"Aggregated engagement metrics for posts created between 07/01/2026 and 09/30/2026. Data is not final."},
		enHeader,
		{"Our linen collection is here. Made in Lyon, dyed by hand.", "https://www.linkedin.com/feed/update/urn:li:activity:7379012345678901234", "Organic", "", "Camille Roy", "09/24/2026", "", "", "All followers", 4210, "", "", 131, 0.0311, 88, 12, 9, 4, 0.057, "Image"},
		{"Why we pay our flax growers above market price", "https://www.linkedin.com/posts/maison-lumen_linen-activity-7380123456789012345-AbCd?utm_source=share", "Organic", "", "Camille Roy", served, "", "", "All followers", 1980, 640, 0, 45, 0.0227, 31, 5, 2, 0, 0.042, "Video"},
	}
	frRows := [][]any{
		{"Statistiques d’engagement agrégées pour les posts créés entre le 01/07/2026 et le 30/09/2026."},
		frHeader,
		{"Notre collection de lin est là. Fabriquée à Lyon.", "https://www.linkedin.com/feed/update/urn:li:activity:7379012345678901234", "Organique", "", "Camille Roy", "24/09/2026", "", "", "Tous les abonnés", 4210, "", "", 131, 0.0311, 88, 12, 9, 4, 0.057, "Image"},
	}
	metrics := sheetRows{name: "Metrics", rows: [][]any{{"Aggregated daily metrics"}, {"Date", "Impressions (organic)", "Clicks (organic)"}, {"09/24/2026", 4210, 131}}}
	return []workbookFixture{
		{"linkedin_content_en.xlsx", []sheetRows{metrics, {"All posts", enRows}}},
		{"linkedin_content_fr.xlsx", []sheetRows{{"Métriques", metrics.rows}, {"Toutes les publications", frRows}}},
	}
}

func writeWorkbook(path string, sheets []sheetRows) error {
	f := excelize.NewFile()
	defer f.Close()
	for i, s := range sheets {
		if i == 0 {
			if err := f.SetSheetName("Sheet1", s.name); err != nil {
				return err
			}
		} else if _, err := f.NewSheet(s.name); err != nil {
			return err
		}
		for r, row := range s.rows {
			cell, _ := excelize.CoordinatesToCellName(1, r+1)
			if err := f.SetSheetRow(s.name, cell, &row); err != nil {
				return err
			}
		}
	}
	return f.SaveAs(path)
}
