/**
 * Hand-written news-like paragraphs used as test material. Every entry of {@link POOL} is
 * distinct from the others (no pair is a near copy), so an article built from them has
 * repeats only where a test puts them.
 */

/** A French story about one event: paragraphs share names, places and numbers but say different things. */
export const FLOOD_FR = [
  "De violents orages ont provoqué des inondations dans le Gard dans la nuit de samedi à dimanche, obligeant les pompiers à évacuer près de 300 habitants à Alès et dans les communes voisines.",
  "À Alès, le Gardon est sorti de son lit vers 3 heures du matin et l'eau a atteint 1,50 mètre dans certaines rues du centre-ville, selon la préfecture du Gard.",
  "Le préfet du Gard a déclenché le plan Orsec dès samedi soir et ouvert deux gymnases à Alès pour accueillir les 300 habitants évacués pendant la nuit.",
  "Météo-France avait placé le Gard en vigilance rouge samedi après-midi, prévoyant jusqu'à 300 millimètres de pluie en quelques heures sur les Cévennes.",
  "Dimanche matin, les pompiers du Gard avaient mené plus de 150 interventions, dont une vingtaine d'hélitreuillages entre Alès et Anduze, sans faire de victime.",
  "Le maire d'Alès a demandé la reconnaissance de l'état de catastrophe naturelle et estimé que la crue était la plus forte que la ville ait connue depuis 2002.",
]

/** Paragraphs of distinct stories in several languages and scripts. */
export const POOL: readonly string[] = [
  // French
  "Le gouvernement a présenté mercredi un projet de loi visant à réduire de moitié les délais d'instruction des permis de construire.",
  "Les maires des grandes villes ont salué l'annonce, tout en réclamant des moyens supplémentaires pour leurs services d'urbanisme.",
  "La SNCF prévoit de mettre en circulation quarante nouvelles rames à deux niveaux sur les lignes du RER d'ici la fin de l'année 2026.",
  "Après trois semaines de grève, les éboueurs marseillais ont voté la reprise du travail en échange d'une prime de fin d'année revalorisée.",
  // English
  "The central bank kept interest rates unchanged on Thursday, saying inflation was cooling faster than expected but remained above its two per cent target.",
  "Firefighters in northern California contained most of the wildfire by Sunday evening after favourable winds pushed the flames away from the town.",
  "The museum will reopen its east wing in March after a two-year renovation that replaced the glass roof and restored the original mosaic floors.",
  "Shares in the carmaker fell sharply after it cut its delivery forecast, blaming a shortage of batteries and weaker demand in Europe and China.",
  // German
  "Die Bundesregierung will den Ausbau der Windkraft an Land beschleunigen und die Genehmigungsverfahren für neue Anlagen deutlich vereinfachen.",
  "Nach dem schweren Unwetter am Wochenende sind in Bayern noch immer mehrere tausend Haushalte ohne Strom, teilte der Netzbetreiber am Montag mit.",
  "Der Verein hat seinen Trainer nach nur vier Monaten entlassen, nachdem die Mannschaft fünf Spiele in Folge verloren hatte.",
  // Spanish
  "El Gobierno aprobó este martes una ayuda de 500 euros para los agricultores afectados por la sequía que sufre el sur del país desde hace dos años.",
  "Miles de personas se manifestaron el domingo en Madrid para exigir una bajada de los alquileres y más vivienda pública en la capital.",
  "El aeropuerto de Barcelona registró en julio un récord de pasajeros, impulsado por la llegada de turistas del Reino Unido y de Estados Unidos.",
  // Russian
  "Правительство одобрило программу строительства новых школ в регионах, на которую в ближайшие пять лет выделят более ста миллиардов рублей.",
  "В Москве в воскресенье прошёл городской марафон, в котором приняли участие около тридцати тысяч бегунов из сорока стран.",
  // Chinese
  "国家统计局周一公布的数据显示，今年前三季度国内生产总值同比增长百分之五，消费对经济增长的贡献率明显上升。",
  "受强降雨影响，南方多个省份出现洪涝灾害，当地政府已紧急转移安置受灾群众两万余人。",
  // Japanese
  "気象庁によると、大型の台風十号は週末にかけて九州南部に接近する見込みで、交通機関への影響が懸念されている。",
  "東京都は来年度から、都内の公立小学校の給食費を無償化する方針を明らかにした。",
  // Arabic
  "أعلنت وزارة الصحة عن افتتاح ثلاثة مستشفيات جديدة في المناطق الريفية خلال العام المقبل لتحسين الخدمات الطبية للسكان.",
  "ارتفعت أسعار النفط في الأسواق العالمية بعد أن قررت الدول المنتجة خفض الإنتاج مرة أخرى حتى نهاية العام.",
  // Hindi
  "मौसम विभाग ने अगले तीन दिनों में उत्तर भारत के कई राज्यों में भारी बारिश की चेतावनी जारी की है और लोगों से सावधान रहने को कहा है।",
  "सरकार ने किसानों के लिए नई बीमा योजना की घोषणा की है, जिसके तहत फसल खराब होने पर पूरा मुआवजा दिया जाएगा।",
  // Italian, Portuguese
  "Il consiglio comunale di Torino ha approvato il nuovo piano per le piste ciclabili, che prevede cinquanta chilometri di percorsi entro il 2027.",
  "O governo português anunciou um novo programa de apoio à habitação para jovens com menos de trinta e cinco anos.",
]
