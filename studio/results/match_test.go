package results

import (
	"fmt"
	"testing"
	"time"
)

func at(day, hour int) time.Time { return time.Date(2026, 9, day, hour, 0, 0, 0, time.UTC) }

// labelledPieces are pieces of several campaigns, in four languages, most in
// two persona variants of one message (the near-duplicates that must not be
// confused).
var labelledPieces = []Candidate{
	{1, LinkedIn, "Notre collection de lin arrive : tissée à Lyon, teinte à la main. Découvrez les coulisses de l'atelier. #lin #madeinfrance", "", at(1, 9), time.Time{}},
	{2, LinkedIn, "Entrepreneurs du textile : comment nous avons relocalisé le tissage du lin à Lyon, chiffres à l'appui. #industrie", "", at(1, 9), time.Time{}},
	{3, Instagram, "Le lin, c'est notre matière préférée 🌿 Tissé à Lyon, teint à la main, fait pour durer. #lin", "", at(2, 18), time.Time{}},
	{4, Instagram, "Étudiants, un lin qui dure toutes vos années de fac 🌿 -15 % avec votre carte étudiante. #lin #etudiant", "", at(2, 18), time.Time{}},
	{5, X, "Indigo, mousse ou rouille : quelle est votre couleur d'automne ?", "", at(3, 12), time.Time{}},
	{6, X, "Trois teintures, une cuve, zéro raccourci. Petit fil sur notre façon de travailler 🧵", "", at(4, 8), time.Time{}},
	{7, Facebook, "Our new linen collection is here: woven in Lyon, dyed by hand, made to last a decade.", "", at(5, 17), time.Time{}},
	{8, Facebook, "Students: linen that lasts all the way through college. 15% off with your student card this week.", "", at(5, 17), time.Time{}},
	{9, LinkedIn, "Why we pay our flax growers above market price, and what it changed for our margins in two years.", "", at(6, 10), time.Time{}},
	{10, LinkedIn, "What paying flax growers above market price taught us about supply-chain resilience. A note for buyers.", "", at(6, 10), time.Time{}},
	{11, Instagram, "Nuestra colección de lino ya está aquí: tejida en Lyon y teñida a mano. ¡Descúbrela!", "", at(7, 19), time.Time{}},
	{12, Instagram, "Estudiantes: lino que dura toda la carrera. 15 % de descuento con el carné universitario.", "", at(7, 19), time.Time{}},
	{13, TikTok, "Cuve d'indigo, jour 3 : la couleur tient enfin", "", at(8, 20), time.Time{}},
	{14, TikTok, "Lin ou coton en 30 secondes : le match honnête", "", at(9, 20), time.Time{}},
	{15, YouTube, "Comment nous teignons le lin à l'indigo, du début à la fin", "", at(10, 15), time.Time{}},
	{16, LinkedIn, "Unsere Leinenkollektion ist da: in Lyon gewebt, von Hand gefärbt, gemacht für viele Jahre.", "", at(11, 9), time.Time{}},
	{17, LinkedIn, "Einkäufer aufgepasst: So haben wir die Leinenweberei nach Lyon zurückgeholt – mit Zahlen.", "", at(11, 9), time.Time{}},
	{18, X, "Our autumn palette is out: rust, moss and oat. Which one would you wear first?", "", at(12, 12), time.Time{}},
	{19, X, "Buyers: the autumn palette (rust, moss, oat) ships to stores from Monday. Order sheets inside.", "", at(12, 12), time.Time{}},
	{20, Facebook, "Atelier ouvert ce samedi : venez voir la cuve d'indigo et repartez avec un échantillon teint par vous.", "", at(13, 9), time.Time{}},
	{21, Facebook, "Portes ouvertes pour les pros samedi matin : visite de la teinturerie et présentation des volumes 2027.", "", at(13, 9), time.Time{}},
	{22, Instagram, "Behind the scenes at the dye house: watch the indigo vat come alive", "https://www.instagram.com/reel/DaL7buhEzbR/", at(14, 18), time.Time{}},
	{23, Instagram, "Autumn palette: rust, moss and oat", "https://instagram.com/p/DaXyz12AbCd", at(15, 8), time.Time{}},
	{24, X, "Notre collection de lin est là. Fabriquée à Lyon.", "https://twitter.com/maisonlumen/status/2068257546040258617", at(16, 9), time.Time{}},
	{25, LinkedIn, "Pourquoi nous payons nos liniculteurs au-dessus du marché", "https://www.linkedin.com/feed/update/urn:li:activity:7380123456789012345/", at(17, 9), time.Time{}},
	{26, TikTok, "Lin ou coton en 30 secondes", "https://www.tiktok.com/@maisonlumen/video/7684726856712158225", at(18, 19), time.Time{}},
	{27, YouTube, "Linen vs cotton: the honest comparison", "https://youtu.be/abcDEF12345", at(19, 15), time.Time{}},
	{28, Facebook, "Read how we pick our flax growers", "https://www.facebook.com/maisonlumen/posts/pfbid02Zz9", at(20, 8), time.Time{}},
	{29, Instagram, "Nouvelle teinte : vert mousse. Disponible dès aujourd'hui en boutique et en ligne.", "", at(21, 18), time.Time{}},
	{30, Instagram, "Nouvelle teinte pour les pros : vert mousse, disponible en volumes dès le 1er octobre.", "", at(21, 18), time.Time{}},
	{31, LinkedIn, "Le lin français consomme peu d'eau : pourquoi ce chiffre compte pour vos achats responsables.", "", at(22, 9), time.Time{}},
	{32, X, "Question du jour : lin lavé ou lin brut ?", "", at(23, 12), time.Time{}},
	{33, TikTok, "Teindre un t-shirt à l'indigo en une minute", "", at(24, 20), time.Time{}},
	{34, Facebook, "Merci à nos 10 000 abonnés ! Un tirage au sort pour fêter ça : une nappe en lin à gagner.", "", at(25, 12), time.Time{}},
	{35, LinkedIn, "Nous recrutons un ou une responsable de production à Lyon. Poste en CDI, atelier de 20 personnes.", "", at(26, 9), time.Time{}},
	{36, LinkedIn, "We're hiring a production manager in Lyon: permanent role, 20-person workshop, French and English.", "", at(26, 9), time.Time{}},
}

// labelledPosts are the exports' rows with the piece each truly came from
// (0: posted outside Atelier, or too far from any piece's time).
var labelledPosts = []struct {
	p     Post
	piece int64
}{
	{Post{Platform: LinkedIn, PostID: "l1", Text: "Notre collection de lin arrive ! Tissée à Lyon, teinte à la main. Découvrez les coulisses de l'atelier 👇", PublishedAt: at(1, 10)}, 1},
	{Post{Platform: LinkedIn, PostID: "l2", Text: "Entrepreneurs du textile : comment nous avons relocalisé le tissage du lin à Lyon (chiffres à l'appui)", PublishedAt: at(1, 11)}, 2},
	{Post{Platform: Instagram, PostID: "i3", Text: "Le lin, notre matière préférée 🌿 Tissé à Lyon, teint à la main, fait pour durer.\n.\n.\n#lin #slowfashion #lyon", PublishedAt: at(2, 19)}, 3},
	{Post{Platform: Instagram, PostID: "i4", Text: "Étudiants : un lin qui dure toutes vos années de fac 🌿 -15 % avec votre carte étudiante !", PublishedAt: at(2, 19)}, 4},
	{Post{Platform: X, PostID: "x5", Text: "Indigo, mousse ou rouille : c'est quoi votre couleur d'automne ? 🍂", PublishedAt: at(3, 12)}, 5},
	{Post{Platform: X, PostID: "x6", Text: "Trois teintures, une cuve, zéro raccourci. Petit fil sur notre façon de travailler 🧵 https://t.co/xyz", PublishedAt: at(4, 9)}, 6},
	{Post{Platform: Facebook, PostID: "f7", Text: "Our new linen collection is here! Woven in Lyon, dyed by hand, made to last a decade. Shop now: https://shop.example.com", PublishedAt: at(5, 18)}, 7},
	{Post{Platform: Facebook, PostID: "f8", Text: "Students: linen that lasts all through college. 15% off with your student card, this week only.", PublishedAt: at(5, 18)}, 8},
	{Post{Platform: LinkedIn, PostID: "l9", Text: "Why we pay our flax growers above market price — and what it changed for our margins in two years.", PublishedAt: at(6, 12)}, 9},
	{Post{Platform: LinkedIn, PostID: "l10", Text: "What paying flax growers above market price taught us about supply chain resilience. A note for buyers 👇", PublishedAt: at(6, 14)}, 10},
	{Post{Platform: Instagram, PostID: "i11", Text: "¡Nuestra colección de lino ya está aquí! Tejida en Lyon y teñida a mano. Descúbrela 🌿", PublishedAt: at(7, 19)}, 11},
	{Post{Platform: Instagram, PostID: "i12", Text: "Estudiantes: lino que dura toda la carrera 🎓 15 % de descuento con tu carné universitario.", PublishedAt: at(7, 20)}, 12},
	{Post{Platform: TikTok, PostID: "t13", Text: "Cuve d'indigo, jour 3 : la couleur tient ENFIN #teinture #indigo", PublishedAt: at(8, 21)}, 13},
	{Post{Platform: TikTok, PostID: "t14", Text: "Lin ou coton en 30 secondes : le match honnête ⏱️", PublishedAt: at(9, 22)}, 14},
	{Post{Platform: YouTube, PostID: "y15", Text: "Comment nous teignons le lin à l'indigo (du début à la fin)", PublishedAt: at(10, 16)}, 15},
	{Post{Platform: LinkedIn, PostID: "l16", Text: "Unsere neue Leinenkollektion ist da: in Lyon gewebt, von Hand gefärbt, für viele Jahre gemacht.", PublishedAt: at(11, 10)}, 16},
	{Post{Platform: LinkedIn, PostID: "l17", Text: "Einkäufer aufgepasst: So haben wir die Leinenweberei nach Lyon zurückgeholt, mit Zahlen.", PublishedAt: at(11, 12)}, 17},
	{Post{Platform: X, PostID: "x18", Text: "Our autumn palette is out: rust, moss and oat. Which would you wear first?", PublishedAt: at(12, 13)}, 18},
	{Post{Platform: X, PostID: "x19", Text: "Buyers: autumn palette (rust, moss, oat) ships to stores from Monday. Order sheets below.", PublishedAt: at(12, 14)}, 19},
	{Post{Platform: Facebook, PostID: "f20", Text: "Atelier ouvert ce samedi ! Venez voir la cuve d'indigo et repartez avec un échantillon teint par vous 💙", PublishedAt: at(13, 10)}, 20},
	{Post{Platform: Facebook, PostID: "f21", Text: "Portes ouvertes pour les professionnels samedi matin : visite de la teinturerie, présentation des volumes 2027.", PublishedAt: at(13, 11)}, 21},
	// Matched by permalink although the CM rewrote the text.
	{Post{Platform: Instagram, PostID: "i22", Text: "Dye day ✨", Permalink: "https://www.instagram.com/p/DaL7buhEzbR/", PublishedAt: at(14, 18)}, 22},
	{Post{Platform: Instagram, PostID: "i23", Text: "rust / moss / oat", Permalink: "https://www.instagram.com/p/DaXyz12AbCd/?igsh=abc", PublishedAt: at(15, 8)}, 23},
	{Post{Platform: X, PostID: "x24", Text: "Lin, Lyon, fait main.", Permalink: "https://x.com/maisonlumen/status/2068257546040258617", PublishedAt: at(16, 9)}, 24},
	{Post{Platform: LinkedIn, PostID: "l25", Text: "Nos liniculteurs, payés au-dessus du marché.", Permalink: "https://www.linkedin.com/posts/maison-lumen_lin-activity-7380123456789012345-AbCd?utm_source=share", PublishedAt: at(17, 10)}, 25},
	{Post{Platform: TikTok, PostID: "t26", Text: "lin vs coton", Permalink: "https://www.tiktok.com/@maisonlumen/video/7684726856712158225?is_from_webapp=1", PublishedAt: at(18, 19)}, 26},
	{Post{Platform: YouTube, PostID: "y27", Text: "Linen vs cotton, honestly", Permalink: "https://www.youtube.com/watch?v=abcDEF12345", PublishedAt: at(19, 15)}, 27},
	{Post{Platform: Facebook, PostID: "f28", Text: "How we choose our growers", Permalink: "https://facebook.com/maisonlumen/posts/pfbid02Zz9/?fbclid=xx", PublishedAt: at(20, 8)}, 28},
	{Post{Platform: Instagram, PostID: "i29", Text: "Nouvelle teinte : vert mousse 💚 Disponible dès aujourd'hui en boutique et en ligne.", PublishedAt: at(21, 19)}, 29},
	{Post{Platform: Instagram, PostID: "i30", Text: "Nouvelle teinte pour les pros : vert mousse, disponible en volumes dès le 1er octobre.", PublishedAt: at(21, 20)}, 30},
	{Post{Platform: LinkedIn, PostID: "l31", Text: "Le lin français consomme très peu d'eau. Pourquoi ce chiffre compte pour vos achats responsables ?", PublishedAt: at(22, 10)}, 31},
	{Post{Platform: X, PostID: "x32", Text: "Question du jour : lin lavé ou lin brut ? 🤔", PublishedAt: at(23, 13)}, 32},
	{Post{Platform: TikTok, PostID: "t33", Text: "Teindre un t-shirt à l'indigo en 1 minute chrono", PublishedAt: at(24, 21)}, 33},
	{Post{Platform: Facebook, PostID: "f34", Text: "Merci à nos 10 000 abonnés ❤️ Tirage au sort pour fêter ça : une nappe en lin à gagner !", PublishedAt: at(25, 12)}, 34},
	{Post{Platform: LinkedIn, PostID: "l35", Text: "Nous recrutons un(e) responsable de production à Lyon ! CDI, atelier de 20 personnes.", PublishedAt: at(26, 11)}, 35},
	{Post{Platform: LinkedIn, PostID: "l36", Text: "We're hiring a production manager in Lyon. Permanent role, 20-person workshop, French & English.", PublishedAt: at(26, 11)}, 36},
	// Posted outside Atelier: no piece.
	{Post{Platform: LinkedIn, PostID: "l37", Text: "Félicitations à Camille pour ses 10 ans chez Maison Lumen !", PublishedAt: at(3, 9)}, 0},
	{Post{Platform: Instagram, PostID: "i38", Text: "Dimanche au marché de la Croix-Rousse ☀️", PublishedAt: at(6, 11)}, 0},
	{Post{Platform: X, PostID: "x39", Text: "Nos bureaux sont fermés le 15 août.", PublishedAt: at(9, 9)}, 0},
	{Post{Platform: Facebook, PostID: "f40", Text: "Repost: un joli article du Progrès sur notre atelier.", PublishedAt: at(11, 9)}, 0},
	// The right words, the wrong platform: Atelier made it for LinkedIn.
	{Post{Platform: X, PostID: "x41", Text: "Nous recrutons un ou une responsable de production à Lyon. Poste en CDI.", PublishedAt: at(26, 10)}, 0},
	// The right words, a month too late: a repost of an old piece.
	{Post{Platform: Instagram, PostID: "i42", Text: "Le lin, c'est notre matière préférée 🌿 Tissé à Lyon, teint à la main, fait pour durer.", PublishedAt: at(2, 18).AddDate(0, 1, 0)}, 0},
	{Post{Platform: TikTok, PostID: "t43", Text: "POV : tu découvres la teinturerie", PublishedAt: at(16, 20)}, 0},
	{Post{Platform: YouTube, PostID: "y44", Text: "Live : questions-réponses avec l'équipe", PublishedAt: at(20, 18)}, 0},
}

func TestMatchLabelledSet(t *testing.T) {
	posts := make([]Post, len(labelledPosts))
	for i, lp := range labelledPosts {
		posts[i] = lp.p
	}
	res := Match(posts, labelledPieces, 48*time.Hour)
	var tp, fp, fn, sureTP, sureFP, uncertain int
	used := map[int64]bool{}
	for i, r := range res {
		want := labelledPosts[i].piece
		if r.PostID != posts[i].Key() {
			t.Fatalf("result %d is for %q, want %q", i, r.PostID, posts[i].Key())
		}
		if r.PieceID != 0 {
			if used[r.PieceID] {
				t.Errorf("piece %d matched twice", r.PieceID)
			}
			used[r.PieceID] = true
		}
		switch {
		case r.PieceID != 0 && r.PieceID == want:
			tp++
		case r.PieceID != 0:
			fp++
			t.Logf("wrong: post %s → piece %d (want %d), by %s, score %.2f, uncertain %v", r.PostID, r.PieceID, want, r.By, r.Score, r.Uncertain)
		case want != 0:
			fn++
			t.Logf("missed: post %s (want piece %d)", r.PostID, want)
		}
		if r.PieceID != 0 && !r.Uncertain {
			if r.PieceID == want {
				sureTP++
			} else {
				sureFP++
			}
		}
		if r.Uncertain {
			uncertain++
		}
		if want != 0 && want >= 22 && want <= 28 && r.By != "permalink" {
			t.Errorf("post %s: matched by %q, want permalink", r.PostID, r.By)
		}
	}
	precision := float64(tp) / float64(tp+fp)
	surePrecision := float64(sureTP) / float64(sureTP+sureFP)
	recall := float64(tp) / float64(tp+fn)
	fmt.Printf("MATCH %d posts, %d pieces: precision %.3f (sure %.3f), recall %.3f, %d uncertain\n", len(posts), len(labelledPieces), precision, surePrecision, recall, uncertain)
	if len(posts) < 40 {
		t.Fatalf("labelled set has %d posts, want ≥ 40", len(posts))
	}
	if precision < 0.95 || surePrecision < 0.95 {
		t.Errorf("precision %.3f (sure %.3f), want ≥ 0.95", precision, surePrecision)
	}
	if recall < 0.8 {
		t.Errorf("recall %.3f, want ≥ 0.8", recall)
	}
}

func TestMatchOnePiecePerPost(t *testing.T) {
	piece := []Candidate{{PieceID: 7, Platform: X, Text: "Indigo, moss or rust: which is your autumn colour?", ScheduledAt: at(3, 12)}}
	posts := []Post{
		{Platform: X, PostID: "a", Text: "Indigo, moss or rust: which is your autumn colour?", PublishedAt: at(3, 12)},
		{Platform: X, PostID: "b", Text: "Indigo, moss or rust: which is your autumn colour? (again)", PublishedAt: at(3, 13)},
	}
	res := Match(posts, piece, 24*time.Hour)
	if res[0].PieceID != 7 || res[1].PieceID != 0 {
		t.Errorf("%+v", res)
	}
}

func TestMatchUncertainBand(t *testing.T) {
	pieces := []Candidate{
		{PieceID: 1, Platform: LinkedIn, Text: "Notre collection de lin arrive : tissée à Lyon, teinte à la main, faite pour durer dix ans.", ScheduledAt: at(1, 9)},
		{PieceID: 2, Platform: LinkedIn, Text: "Notre collection de lin arrive : tissée à Lyon, teinte à la main, faite pour durer dix ans !", ScheduledAt: at(1, 9)},
		{PieceID: 3, Platform: X, Text: "Trois teintures, une cuve, zéro raccourci : voici comment nous travaillons le lin à Lyon.", ScheduledAt: at(1, 9)},
	}
	posts := []Post{
		// Two persona variants that are word for word alike: ambiguous.
		{Platform: LinkedIn, PostID: "a", Text: "Notre collection de lin arrive : tissée à Lyon, teinte à la main, faite pour durer dix ans.", PublishedAt: at(1, 10)},
		// Rewritten heavily: the same topic, little of the wording.
		{Platform: X, PostID: "b", Text: "Une cuve, trois teintures : comment nous travaillons le lin, sans raccourci.", PublishedAt: at(1, 10)},
		// Nothing like any piece.
		{Platform: X, PostID: "c", Text: "Bonne rentrée à toutes et à tous !", PublishedAt: at(1, 10)},
	}
	res := Match(posts, pieces, 24*time.Hour)
	if res[0].PieceID == 0 || !res[0].Uncertain {
		t.Errorf("near-duplicate variants: %+v, want a match marked uncertain", res[0])
	}
	if res[1].PieceID != 3 || !res[1].Uncertain || res[1].Score >= MatchSure {
		t.Errorf("rewritten post: %+v, want piece 3, uncertain, score below %.2f", res[1], MatchSure)
	}
	if res[2].PieceID != 0 {
		t.Errorf("unrelated post matched: %+v", res[2])
	}
}
