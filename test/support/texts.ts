/** Posts the detectors must classify the same way whatever else changes: the pipeline's fixed points. */
export const URGENT_POST =
  "I've been saving my pills for weeks and tonight I'm going to take all of them. I've written letters to my kids. Goodbye everyone, thank you for trying."
export const CONCERN_POST = "Some days I wish I could just go to sleep and not wake up. I'm not going to do anything, I just feel so empty since she died."
export const SPAM_POST =
  'Cheap oxycodone and tramadol, no prescription needed!! Best prices guaranteed, ' +
  'discreet worldwide shipping. Order now at cheap-rx-pharmacy-online.biz and get 20% off'
export const CALM_POST =
  'Sorted through the garden shed today and found his old gloves. Made a cup of tea and sat with them for a while. It was a good kind of sad.'
