package brandkit_test

import (
	"strings"
	"testing"

	"atelier/brandkit"
)

// TestPackFilesAreComplete: every shipped pack names its law and source,
// and every rule its article, message, fix and terms in fr, en, de, es, it
// and nl (or for every language).
func TestPackFilesAreComplete(t *testing.T) {
	packs := brandkit.Packs()
	if len(packs) != 3 {
		t.Fatalf("%d packs, want eu-green-claims, fr-influence and us-ftc-endorsements", len(packs))
	}
	for _, p := range packs {
		if p.ID == "" || p.Name == "" || p.Law == "" || p.Source == "" || p.InForce == "" || len(p.Rules) == 0 {
			t.Errorf("pack %q lacks its id, name, law, source, date or rules", p.ID)
		}
		for _, r := range p.Rules {
			if r.Article == "" || r.Message == "" || r.Fix == "" {
				t.Errorf("%s.%s lacks its article, message or fix", p.ID, r.ID)
			}
			switch r.Kind {
			case "term", "label", "disclosure":
			default:
				t.Errorf("%s.%s: kind %q", p.ID, r.ID, r.Kind)
			}
			for _, l := range []string{"fr", "en", "de", "es", "it", "nl"} {
				if len(r.Terms[l]) == 0 && len(r.Terms["*"]) == 0 {
					t.Errorf("%s.%s has no terms in %s", p.ID, r.ID, l)
				}
			}
		}
	}
}

// TestPackRulesPerLanguage: each pack rule fires on a positive sentence and
// stays silent on a near miss, in each of six languages.
func TestPackRulesPerLanguage(t *testing.T) {
	type tc struct {
		lang, partner, image, text string
		want                       bool
	}
	table := map[string][]tc{
		"eu-green-claims.generic": {
			{"en-GB", "", "", "Our eco-friendly bikes are here.", true}, {"en-GB", "", "", "The frame comes in racing green.", false},
			{"fr-FR", "", "", "Des vélos respectueux de l'environnement.", true}, {"fr-FR", "", "", "Le cadre existe en vert sapin.", false},
			{"de-DE", "", "", "Unsere umweltfreundlichen Räder sind da.", true}, {"de-DE", "", "", "Der Rahmen ist tannengrün lackiert.", false},
			{"es-ES", "", "", "Nuestras bicicletas ecológicas ya están aquí.", true}, {"es-ES", "", "", "El cuadro es verde oscuro.", false},
			{"it-IT", "", "", "Le nostre bici rispettose dell'ambiente.", true}, {"it-IT", "", "", "Il telaio è verde bosco.", false},
			{"nl-NL", "", "", "Onze milieuvriendelijke fietsen zijn er.", true}, {"nl-NL", "", "", "Het frame is donkergroen gelakt.", false},
		},
		"eu-green-claims.offsetting": {
			{"en-GB", "", "", "Every delivery is now carbon neutral.", true}, {"en-GB", "", "", "Every delivery now goes by cargo bike.", false},
			{"fr-FR", "", "", "Livraisons neutres en carbone grâce à la compensation.", true}, {"fr-FR", "", "", "Livraisons à vélo cargo dans tout Lyon.", false},
			{"de-DE", "", "", "Alle Lieferungen sind jetzt klimaneutral.", true}, {"de-DE", "", "", "Alle Lieferungen kommen mit dem Lastenrad.", false},
			{"es-ES", "", "", "Envíos neutros en carbono.", true}, {"es-ES", "", "", "Envíos en bicicleta de carga.", false},
			{"it-IT", "", "", "Consegne a impatto zero.", true}, {"it-IT", "", "", "Consegne in bici cargo.", false},
			{"nl-NL", "", "", "Alle leveringen zijn klimaatneutraal.", true}, {"nl-NL", "", "", "Alle leveringen gaan per bakfiets.", false},
		},
		"eu-green-claims.label": {
			{"en-GB", "", "", "Our gloves are certified by Green Hands.", true}, {"en-GB", "", "", "Our gloves are certified EU Ecolabel.", false},
			{"fr-FR", "", "", "Nos gants sont certifiés par Mains Vertes.", true}, {"fr-FR", "", "", "Nos gants sont certifiés EU Ecolabel.", false},
			{"de-DE", "", "", "Unsere Handschuhe tragen ein neues Siegel.", true}, {"de-DE", "", "", "Unsere Handschuhe tragen das Siegel EU Ecolabel.", false},
			{"es-ES", "", "", "Guantes con sello de Manos Verdes.", true}, {"es-ES", "", "", "Guantes con el sello EU Ecolabel.", false},
			{"it-IT", "", "", "Guanti con il marchio Mani Verdi.", true}, {"it-IT", "", "", "Guanti con il marchio EU Ecolabel.", false},
			{"nl-NL", "", "", "Handschoenen met het keurmerk Groene Handen.", true}, {"nl-NL", "", "", "Handschoenen met het keurmerk EU Ecolabel.", false},
		},
		"fr-influence.disclosure": {
			{"fr-FR", "Pneus Ferrand", "", "Nos nouveaux pneus d'hiver sont arrivés.", true}, {"fr-FR", "Pneus Ferrand", "", "Publicité · Nos nouveaux pneus d'hiver sont arrivés.", false},
			{"en-GB", "Gripwell", "", "Our new winter tyres are here.", true}, {"en-GB", "Gripwell", "", "Advertising · Our new winter tyres are here.", false},
			{"de-DE", "Griffig", "", "Unsere neuen Winterreifen sind da.", true}, {"de-DE", "Griffig", "", "Werbung · Unsere neuen Winterreifen sind da.", false},
			{"es-ES", "Agarre", "", "Nuestros neumáticos de invierno ya están aquí.", true}, {"es-ES", "Agarre", "", "Publicidad · Nuestros neumáticos de invierno.", false},
			{"it-IT", "Presa", "", "I nostri pneumatici invernali sono arrivati.", true}, {"it-IT", "Presa", "", "Pubblicità · I nostri pneumatici invernali.", false},
			{"nl-NL", "Grip", "", "Onze winterbanden zijn er.", true}, {"nl-NL", "Grip", "", "Reclame · Onze winterbanden zijn er.", false},
			{"fr-FR", "", "", "Nos nouveaux pneus d'hiver sont arrivés.", false}, // not paid
		},
		"fr-influence.retouched": {
			{"fr-FR", "", "retouched", "Léa roule en hiver.", true}, {"fr-FR", "", "retouched", "Image retouchée. Léa roule en hiver.", false},
			{"en-GB", "", "virtual", "Lea rides in winter.", true}, {"en-GB", "", "virtual", "Virtual image. Lea rides in winter.", false},
			{"de-DE", "", "retouched", "Lea fährt im Winter.", true}, {"de-DE", "", "retouched", "Retuschiertes Bild. Lea fährt im Winter.", false},
			{"es-ES", "", "retouched", "Lea pedalea en invierno.", true}, {"es-ES", "", "retouched", "Imagen retocada. Lea pedalea en invierno.", false},
			{"it-IT", "", "virtual", "Lea pedala d'inverno.", true}, {"it-IT", "", "virtual", "Immagine virtuale. Lea pedala d'inverno.", false},
			{"nl-NL", "", "retouched", "Lea fietst in de winter.", true}, {"nl-NL", "", "retouched", "Bewerkte afbeelding. Lea fietst in de winter.", false},
			{"nl-NL", "", "", "Lea fietst in de winter.", false}, // an untouched image
		},
		"fr-influence.banned_category": {
			{"en-GB", "", "", "Pay for your bike in bitcoin.", true}, {"en-GB", "", "", "Pay for your bike in ten instalments.", false},
			{"fr-FR", "", "", "Une consultation de chirurgie esthétique offerte.", true}, {"fr-FR", "", "", "Une révision offerte.", false},
			{"de-DE", "", "", "Nikotinbeutel für die lange Runde.", true}, {"de-DE", "", "", "Müsliriegel für die lange Runde.", false},
			{"es-ES", "", "", "Nuestros pronósticos de apuestas deportivas.", true}, {"es-ES", "", "", "Nuestros consejos para el Tour.", false},
			{"it-IT", "", "", "Paga la bici in criptovaluta.", true}, {"it-IT", "", "", "Paga la bici in dieci rate.", false},
			{"nl-NL", "", "", "Betaal uw fiets met crypto.", true}, {"nl-NL", "", "", "Betaal uw fiets in termijnen.", false},
		},
		"us-ftc-endorsements.disclosure": {
			{"en-GB", "Gripwell", "", "#ad Our new winter tyres are here.", false}, {"en-GB", "Gripwell", "", "Our new winter tyres are here.\n\n#Velora #ad", true},
			{"fr-FR", "Ferrand", "", "Publicité · Nos pneus d'hiver.", false}, {"fr-FR", "Ferrand", "", "Nos pneus d'hiver.\nPublicité", true},
			{"fr-FR", "Ferrand", "", "Ad: nos pneus d'hiver sont arrivés.", false}, // a literal wording in accented text
			{"de-DE", "Griffig", "", "Werbung: unsere Winterreifen.", false}, {"de-DE", "Griffig", "", "Unsere Winterreifen sind da.", true},
			{"es-ES", "Agarre", "", "Publicidad: neumáticos de invierno.", false}, {"es-ES", "Agarre", "", "Neumáticos de invierno.\n#publicidad", true},
			{"it-IT", "Presa", "", "Pubblicità: pneumatici invernali.", false}, {"it-IT", "Presa", "", "Pneumatici invernali.", true},
			{"nl-NL", "Grip", "", "Reclame: winterbanden.", false}, {"nl-NL", "Grip", "", "Winterbanden.\nReclame", true},
		},
	}
	for rule, cases := range table {
		pack, _, _ := strings.Cut(rule, ".")
		kit := &brandkit.Kit{Identity: brandkit.Identity{Name: "Test", Languages: []string{"fr-FR", "en-GB", "de-DE", "es-ES", "it-IT", "nl-NL"}},
			Regulatory: brandkit.Regulatory{Packs: []string{pack}, Schemes: []string{"EU Ecolabel"}}}
		for _, c := range cases {
			r := brandkit.CheckText(kit, brandkit.TextTarget{Language: c.lang, Partner: c.partner, Image: c.image}, c.text)
			got := false
			for _, f := range r.Findings {
				if f.Rule == rule {
					got = true
					if f.Cite == "" {
						t.Errorf("%s: the finding cites no article", rule)
					}
				}
			}
			if got != c.want {
				t.Errorf("%s %s %q (partner %q, image %q): fired %v, want %v", rule, c.lang, c.text, c.partner, c.image, got, c.want)
			}
		}
	}
}
