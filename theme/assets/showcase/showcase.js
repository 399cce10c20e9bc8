/* showcase: page behaviour (filters, lightbox). */
