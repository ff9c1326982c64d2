import { fromFastText } from './iso639.js'
import { SCRIPT_LANGUAGE } from './script.js'

/**
 * The 176 labels of fastText lid.176 (Wikipedia language codes; see `fromFastText` for the few that
 * are not BCP 47 tags). Written out here so that knowing the list does not load the model.
 */
const LID_176 = ('af als am an ar arz as ast av az azb ba bar bcl be bg bh bn bo bpy br bs bxr ca cbk ce ceb ckb co cs cv '
  + 'cy da de diq dsb dty dv el eml en eo es et eu fa fi fr frr fy ga gd gl gn gom gu gv he hi hif hr hsb ht hu hy ia id '
  + 'ie ilo io is it ja jbo jv ka kk km kn ko krc ku kv kw ky la lb lez li lmo lo lrc lt lv mai mg mhr min mk ml mn mr mrj '
  + 'ms mt mwl my myv mzn nah nap nds ne new nl nn no oc or os pa pam pfl pl pms pnb ps pt qu rm ro ru rue sa sah sc scn '
  + 'sco sd sh si sk sl so sq sr su sv sw ta te tg th tk tl tr tt tyv ug uk ur uz vec vep vi vls vo wa war wuu xal xmf yi '
  + 'yo yue zh').split(' ')

/**
 * Every BCP 47 tag the identifier can return: lid.176's languages (`sh` as hr, sr and bs) and the
 * languages that own a script (Hangul → `ko`, Thai → `th`, …).
 */
export const KNOWN_LANGUAGES: ReadonlySet<string> = new Set([
  ...LID_176.filter((l) => l !== 'sh').map(fromFastText),
  ...Object.values(SCRIPT_LANGUAGE),
])
